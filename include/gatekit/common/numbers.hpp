#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace gatekit {

// Parses a non-negative decimal integer ("12", " 12 "); nullopt otherwise.
std::optional<std::uint64_t> parse_count(std::string_view text);

// Parses a signed decimal integer; nullopt otherwise.
std::optional<std::int64_t> parse_integer(std::string_view text);

// Parses a duration in seconds as test reports write it: "1.5", "1e-3",
// "1,234.5" (thousands separators, older Surefire and JUnit 5) and "0,25"
// (a decimal comma from a localised writer). A lone comma followed by exactly
// three digits is a thousands separator unless the integer part is 0.
// Rejects negative, non-finite and non-numeric text, and durations over 1e9 s.
std::optional<double> parse_seconds(std::string_view text);

} // namespace gatekit
