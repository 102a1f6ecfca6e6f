#include <gatekit/github/escape.hpp>

#include <algorithm>
#include <random>

namespace gatekit::github {
namespace {

bool is_www(std::string_view three) {
  return three.size() == 3 && (three[0] | 0x20) == 'w' && (three[1] | 0x20) == 'w' &&
         (three[2] | 0x20) == 'w';
}

// Appends the HTML entity for one of & < > " and returns true; false for any
// other character.
bool append_html_entity(char c, std::string& out) {
  switch (c) {
  case '&':
    out += "&amp;";
    return true;
  case '<':
    out += "&lt;";
    return true;
  case '>':
    out += "&gt;";
    return true;
  case '"':
    out += "&quot;";
    return true;
  default:
    return false;
  }
}

} // namespace

std::string escape_command_data(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    switch (c) {
    case '%':
      escaped += "%25";
      break;
    case '\r':
      escaped += "%0D";
      break;
    case '\n':
      escaped += "%0A";
      break;
    default:
      escaped += c;
    }
  }
  return escaped;
}

std::string escape_command_property(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : escape_command_data(text)) {
    if (c == ':') {
      escaped += "%3A";
    } else if (c == ',') {
      escaped += "%2C";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string escape_markdown(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (append_html_entity(c, escaped)) {
      continue;
    }
    // GFM's extended autolinks turn bare "www.x", "https://x" and "a@b.x" in
    // report text into links. A backslash before ':' or "www"'s '.' keeps the
    // first two literal. Escapes do not stop the e-mail rule, which runs on
    // the decoded text, so a zero-width space after '@' breaks the address
    // (and any @mention) instead.
    if (c == '.' && i >= 3 && is_www(text.substr(i - 3, 3))) {
      escaped += "\\.";
      continue;
    }
    if (c == '@') {
      escaped += "@&#8203;";
      continue;
    }
    switch (c) {
    case '|':
      escaped += "&#124;"; // an entity, since "\|" is still a cell break in some renderers
      break;
    case '\n':
    case '\r':
    case '\t':
      escaped += ' ';
      break;
    case '\\':
    case '`':
    case '*':
    case '_':
    case '{':
    case '}':
    case '[':
    case ']':
    case '(':
    case ')':
    case '#':
    case '+':
    case '-':
    case '!':
    case '~':
    case '$':
    case ':':
      escaped += '\\';
      escaped += c;
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
        escaped += ' ';
      } else {
        escaped += c;
      }
    }
  }
  return escaped;
}

std::string escape_html(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    if (append_html_entity(c, escaped)) {
      continue;
    }
    switch (c) {
    case '\'':
      escaped += "&#39;";
      break;
    default:
      escaped += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? ' ' : c;
    }
  }
  return escaped;
}

std::string markdown_code_block(std::string_view text) {
  size_t longest_run = 0;
  size_t run = 0;
  for (const char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest_run = std::max(longest_run, run);
  }
  const std::string fence(std::max<size_t>(3, longest_run + 1), '`');
  std::string block = fence + "text\n";
  block += text;
  if (block.back() != '\n') {
    block += '\n';
  }
  block += fence + "\n";
  return block;
}

std::string random_token() {
  std::random_device device;
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string token;
  for (int i = 0; i < 4; ++i) {
    std::uint32_t bits = device();
    for (int j = 0; j < 8; ++j) {
      token += k_hex[bits & 0xF];
      bits >>= 4;
    }
  }
  return token;
}

} // namespace gatekit::github
