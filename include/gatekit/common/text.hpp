#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gatekit {

// `text` without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view text);

// Splits on '\n' (dropping '\r' before it), trims each piece, drops empty ones.
std::vector<std::string> split_lines(std::string_view text);

// ASCII lower-case copy.
std::string to_lower(std::string_view text);

// Joins `parts` with `separator`.
std::string join(const std::vector<std::string>& parts, std::string_view separator);

// At most `max_bytes` of `text`, cut on a UTF-8 character boundary; `marker`
// (e.g. "…") is appended when something was cut.
std::string truncate_utf8(std::string_view text, size_t max_bytes, std::string_view marker = "");

// The first non-empty line of `text`, trimmed.
std::string first_line(std::string_view text);

// Replaces control characters (newlines, tabs, ESC, DEL, C1) with a space so
// that text from a report prints as one inert line in a terminal.
std::string single_line(std::string_view text);

// `key` as one reference token of a JSON Pointer (RFC 6901): '~' becomes
// "~0" and '/' "~1", so error paths such as "/flags/a~1b" stay unambiguous.
std::string json_pointer_token(std::string_view key);

} // namespace gatekit
