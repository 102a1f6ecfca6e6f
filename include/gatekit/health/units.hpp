#pragma once

// The units a health-check config is written in: durations ("500ms", "5s"),
// byte sizes ("1GiB", "512 MB") and HTTP status sets ("200-299,301").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gatekit::health {

// Parses "250ms", "5s", "1.5s", "2m", "1h" or a bare number of seconds ("3",
// "0.5") into seconds; nullopt for negative, non-finite or unitless garbage.
std::optional<double> parse_duration(std::string_view text);

// Parses a byte size: a bare number of bytes, or a number with a decimal
// (kB, MB, GB, TB: powers of 1000) or binary (KiB, MiB, GiB, TiB: powers of
// 1024) unit; "K", "M", "G", "T" alone are binary, as in df and free.
std::optional<std::uint64_t> parse_byte_size(std::string_view text);

// An inclusive range of HTTP status codes.
struct StatusRange {
  int first = 200;
  int last = 299;
};

// 200-299, the statuses a check accepts unless told otherwise.
std::vector<StatusRange> success_statuses();

// Parses "200", "200-299,301", "2xx" into ranges of codes 100..599; nullopt
// on anything else, so a typo cannot silently accept every status.
std::optional<std::vector<StatusRange>> parse_status_set(std::string_view text);

// True if `status` lies in one of the ranges.
bool status_in(const std::vector<StatusRange>& ranges, long status);

// Formats ranges back the way a user writes them: "200-299,301".
std::string format_status_set(const std::vector<StatusRange>& ranges);

// "12 ms", "1.25 s": a duration for people.
std::string format_duration(double seconds);

// "1.0 GiB", "512.0 MiB", "900 B": a size for people.
std::string format_byte_size(std::uint64_t bytes);

} // namespace gatekit::health
