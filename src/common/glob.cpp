#include <gatekit/common/glob.hpp>

#include <string>
#include <vector>

namespace gatekit {
namespace {

enum class TokenKind { literal, any_char, char_class, star, double_star, double_star_slash };

struct Token {
  TokenKind kind = TokenKind::literal;
  char literal = 0;
  std::string class_chars; // expanded ranges are checked lazily below
  bool negated = false;
};

bool class_matches(const Token& token, char c) {
  bool found = false;
  const std::string& spec = token.class_chars;
  for (size_t i = 0; i < spec.size(); ++i) {
    if (i + 2 < spec.size() && spec[i + 1] == '-') {
      if (c >= spec[i] && c <= spec[i + 2]) {
        found = true;
      }
      i += 2;
    } else if (spec[i] == c) {
      found = true;
    }
  }
  return found != token.negated;
}

std::vector<Token> tokenize(std::string_view pattern, GlobMode mode) {
  std::vector<Token> tokens;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    Token token;
    if (c == '*') {
      const bool double_star =
          mode == GlobMode::path && i + 1 < pattern.size() && pattern[i + 1] == '*';
      if (double_star) {
        ++i;
        const bool at_component_start = i == 1 || pattern[i - 2] == '/';
        if (at_component_start && i + 1 < pattern.size() && pattern[i + 1] == '/') {
          ++i;
          token.kind = TokenKind::double_star_slash;
        } else {
          token.kind = TokenKind::double_star;
        }
      } else {
        token.kind = TokenKind::star;
        while (i + 1 < pattern.size() && pattern[i + 1] == '*') {
          ++i; // "**" in text mode is the same as "*"
        }
      }
    } else if (c == '?') {
      token.kind = TokenKind::any_char;
    } else if (c == '[') {
      size_t end = i + 1;
      if (end < pattern.size() && (pattern[end] == '!' || pattern[end] == '^')) {
        ++end;
      }
      if (end < pattern.size() && pattern[end] == ']') {
        ++end; // a leading ']' is literal
      }
      while (end < pattern.size() && pattern[end] != ']') {
        ++end;
      }
      if (end >= pattern.size()) {
        token.literal = '['; // unterminated class: treat '[' literally
      } else {
        size_t start = i + 1;
        token.kind = TokenKind::char_class;
        if (pattern[start] == '!' || pattern[start] == '^') {
          token.negated = true;
          ++start;
        }
        token.class_chars = std::string(pattern.substr(start, end - start));
        i = end;
      }
    } else if (c == '\\' && i + 1 < pattern.size()) {
      token.literal = pattern[++i];
    } else {
      token.literal = c;
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

} // namespace

bool has_glob_chars(std::string_view pattern) {
  return pattern.find_first_of("*?[") != std::string_view::npos;
}

bool glob_match(std::string_view pattern, std::string_view text, GlobMode mode) {
  const std::vector<Token> tokens = tokenize(pattern, mode);
  const size_t n = text.size();
  // matched[j]: the tokens seen so far match text[0, j).
  std::vector<char> matched(n + 1, 0);
  std::vector<char> next(n + 1, 0);
  matched[0] = 1;
  const auto crosses = [mode](char c) { return mode == GlobMode::text || c != '/'; };
  for (const Token& token : tokens) {
    std::fill(next.begin(), next.end(), 0);
    switch (token.kind) {
    case TokenKind::star:
      next[0] = matched[0];
      for (size_t j = 1; j <= n; ++j) {
        next[j] = matched[j] || (next[j - 1] && crosses(text[j - 1]));
      }
      break;
    case TokenKind::double_star:
      next[0] = matched[0];
      for (size_t j = 1; j <= n; ++j) {
        next[j] = matched[j] || next[j - 1];
      }
      break;
    case TokenKind::double_star_slash: {
      bool any_before = false;
      for (size_t j = 0; j <= n; ++j) {
        next[j] = matched[j] || (j > 0 && text[j - 1] == '/' && any_before);
        any_before = any_before || matched[j];
      }
      break;
    }
    default:
      for (size_t j = 0; j < n; ++j) {
        if (!matched[j]) {
          continue;
        }
        const char c = text[j];
        bool ok = false;
        if (token.kind == TokenKind::literal) {
          ok = c == token.literal;
        } else if (token.kind == TokenKind::any_char) {
          ok = crosses(c);
        } else {
          ok = crosses(c) && class_matches(token, c);
        }
        next[j + 1] = ok;
      }
      break;
    }
    matched.swap(next);
  }
  return matched[n] != 0;
}

} // namespace gatekit
