#include <iconv.h>

#include <gatekit/common/text_encoding.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>

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

namespace {

Result<std::string> convert(std::string_view bytes, const char* from, size_t growth) {
  iconv_t converter = ::iconv_open("UTF-8", from);
  if (converter == reinterpret_cast<iconv_t>(-1)) {
    return Error{std::string("unsupported text encoding '") + from + "'", {}};
  }
  std::string output(bytes.size() * growth + 16, '\0');
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
    return Error{"invalid " + std::string(from) + " text at byte " + std::to_string(at) + ": " +
                     std::strerror(saved),
                 {}};
  }
  output.resize(output.size() - out_left);
  return output;
}

} // namespace

std::string declared_xml_encoding(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
  }
  if (bytes.substr(0, 5) != "<?xml") {
    return {};
  }
  const std::string_view declaration = bytes.substr(0, bytes.find("?>"));
  // The pseudo-attribute itself: whitespace, "encoding", optional blanks, '='.
  size_t key = declaration.find("encoding");
  while (key != std::string_view::npos) {
    const bool starts_word =
        key > 0 && (declaration[key - 1] == ' ' || declaration[key - 1] == '\t' ||
                    declaration[key - 1] == '\n' || declaration[key - 1] == '\r');
    size_t after = key + 8;
    while (after < declaration.size() &&
           (declaration[after] == ' ' || declaration[after] == '\t')) {
      ++after;
    }
    if (starts_word && after < declaration.size() && declaration[after] == '=') {
      const size_t open = declaration.find_first_of("\"'", after);
      if (open == std::string_view::npos) {
        return {};
      }
      const size_t close = declaration.find(declaration[open], open + 1);
      if (close == std::string_view::npos) {
        return {};
      }
      return std::string(declaration.substr(open + 1, close - open - 1));
    }
    key = declaration.find("encoding", key + 8);
  }
  return {};
}

bool is_utf8_name(std::string_view encoding) {
  std::string lower;
  for (const char c : encoding) {
    if (c != '-' && c != '_') {
      lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
  return lower.empty() || lower == "utf8" || lower == "usascii" || lower == "ascii";
}

Result<std::string> to_utf8(std::string_view bytes, const std::string& encoding) {
  return convert(bytes, encoding.c_str(), 4);
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
  return convert(bytes, from, 2);
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
    m_line_starts.push_back(static_cast<std::uint32_t>(cursor - begin));
  }
}

std::pair<int, int> LineIndex::locate(size_t offset) const {
  const auto next = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
  const size_t line = static_cast<size_t>(next - m_line_starts.begin());
  const size_t column = offset - m_line_starts[line - 1] + 1; // offset >= its line start
  return {static_cast<int>(line), static_cast<int>(column)};
}

} // namespace gatekit
