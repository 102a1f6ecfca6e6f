#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gatekit {

// A threshold percentage held exactly, in millionths of a percent, so that
// "97.3" compares exactly against a ratio of counts (no binary rounding).
struct Percent {
  std::int64_t micro = 0;
};

// Parses "95", "97.5", "98.25%" (0 to 100, at most six decimals); nullopt otherwise.
std::optional<Percent> parse_percent(std::string_view text);

// True if numerator / denominator * 100 >= threshold, computed exactly.
// A zero denominator never meets a threshold.
bool ratio_meets(std::uint64_t numerator, std::uint64_t denominator, Percent threshold);

// numerator / denominator * 100 rounded DOWN to `decimals` places ("94.99" for
// 94.999...), so a failing value is never shown as the threshold it missed.
std::string format_ratio_percent(std::uint64_t numerator, std::uint64_t denominator,
                                 int decimals = 2);

// The same rounded-down value as a number, for JSON reports.
double ratio_percent_floor(std::uint64_t numerator, std::uint64_t denominator, int decimals = 2);

// Formats a threshold for messages: "95", "97.5".
std::string format_percent(Percent value);

} // namespace gatekit
