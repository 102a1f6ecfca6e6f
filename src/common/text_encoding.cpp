#include <gatekit/common/text_encoding.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iconv.h>

namespace gatekit {

TextEncoding detect_encoding(std::string_view bytes) {
  if (bytes.size() >= 2) {
    const auto b0 = static_cast<unsigned char>(bytes[0]);
    const auto b1 = static_cast<unsigned char>(bytes[1]);
    if (b0 == 0xFF && b1 == 0xFE) {
      return TextEncoding::utf16_le;
    }
    if (b0 == 0xFE && b1 == 0xFF) {
      return TextEncoding::utf16_be;
    }
    if (b0 == '<' && b1 == 0) {
      return TextEncoding::utf16_le;
    }
    if (b0 == 0 && b1 == '<') {
      return TextEncoding::utf16_be;
    }
  }
  return TextEncoding::utf8;
}

Result<std::string> utf16_to_utf8(std::string_view bytes, TextEncoding encoding) {
  if (bytes.size() >= 2) {
    const auto b0 = static_cast<unsigned char>(bytes[0]);
    const auto b1 = static_cast<unsigned char>(bytes[1]);
    if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) {
      bytes.remove_prefix(2);
    }
  }
  if (bytes.size() % 2 != 0) {
    return Error{"UTF-16 text has an odd number of bytes (truncated?)", {}};
  }
  const char* from = encoding == TextEncoding::utf16_be ? "UTF-16BE" : "UTF-16LE";
  iconv_t converter = ::iconv_open("UTF-8", from);
  if (converter == reinterpret_cast<iconv_t>(-1)) {
    return Error{std::string("cannot convert from ") + from + ": " + std::strerror(errno), {}};
  }
  std::string output(bytes.size() * 2 + 16, '\0');
  // iconv's interface takes non-const pointers; it does not write to the input.
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* out = output.data();
  size_t out_left = output.size();
  const size_t converted = ::iconv(converter, &in, &in_left, &out, &out_left);
  const int saved = errno;
  ::iconv_close(converter);
  if (converted == static_cast<size_t>(-1)) {
    const size_t at = bytes.size() - in_left;
    return Error{"invalid UTF-16 at byte " + std::to_string(at) + ": " + std::strerror(saved), {}};
  }
  output.resize(output.size() - out_left);
  return output;
}

LineIndex::LineIndex(std::string_view text) {
  m_line_starts.push_back(0);
  const char* begin = text.data();
  const char* end = begin + text.size();
  const char* cursor = begin;
  while (cursor < end) {
    const void* found = std::memchr(cursor, '\n', static_cast<size_t>(end - cursor));
    if (found == nullptr) {
      break;
    }
    cursor = static_cast<const char*>(found) + 1;
    m_line_starts.push_back(static_cast<size_t>(cursor - begin));
  }
}

std::pair<int, int> LineIndex::locate(size_t offset) const {
  const auto next = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
  const size_t line = static_cast<size_t>(next - m_line_starts.begin());
  const size_t column = offset - m_line_starts[line - 1] + 1;
  return {static_cast<int>(line), static_cast<int>(column)};
}

} // namespace gatekit
