#pragma once

#include <gatekit/common/error.hpp>

#include <cstdint>
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

// The encoding named by an XML declaration at the start of 8-bit text
// (`<?xml version="1.0" encoding="ISO-8859-1"?>`), or "" when there is none.
std::string declared_xml_encoding(std::string_view bytes);

// True for the names of UTF-8 and its ASCII subset ("utf-8", "UTF8", "us-ascii").
bool is_utf8_name(std::string_view encoding);

// Converts text in the named 8-bit encoding (ISO-8859-1, windows-1252, ...)
// to UTF-8 with iconv; fails on an unknown name or an invalid byte.
Result<std::string> to_utf8(std::string_view bytes, const std::string& encoding);

// Maps byte offsets of a text to 1-based line and column numbers.
class LineIndex {
public:
  explicit LineIndex(std::string_view text);

  // The line and column of `offset` (clamped to the text).
  std::pair<int, int> locate(size_t offset) const;

private:
  std::vector<std::uint32_t> m_line_starts; // 4 GiB texts at most, see LineIndex()
};

} // namespace gatekit
