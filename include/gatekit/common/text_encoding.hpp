#pragma once

#include <gatekit/common/error.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gatekit {

// The byte encodings gatekit recognises at the start of a text file.
enum class TextEncoding { utf8, utf16_le, utf16_be };

// Detects UTF-16 by its byte-order mark or by the NUL pattern of "<?" / "<t";
// anything else is taken as UTF-8 (a UTF-8 BOM is left for the XML parser).
TextEncoding detect_encoding(std::string_view bytes);

// Converts UTF-16 text (with or without BOM, which is dropped) to UTF-8 with
// glibc's iconv; fails on unpaired surrogates or an odd byte count.
Result<std::string> utf16_to_utf8(std::string_view bytes, TextEncoding encoding);

// Maps byte offsets of a text to 1-based line and column numbers.
class LineIndex {
public:
  explicit LineIndex(std::string_view text);

  // The line and column of `offset` (clamped to the text).
  std::pair<int, int> locate(size_t offset) const;

private:
  std::vector<size_t> m_line_starts;
};

} // namespace gatekit
