#pragma once

#include <gatekit/flags/model.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace gatekit::flags {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
// days_from_civil), so instants need neither timegm nor the local time zone.
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);

// Parses an RFC 3339 date-time ("2025-10-20T00:00:00Z", "...+02:00",
// fractional seconds dropped) to UTC seconds; nullopt for anything else,
// including dates without a time or offset and impossible days.
std::optional<Instant> parse_rfc3339(std::string_view text);

// "2025-10-21T12:00:00Z".
std::string format_rfc3339(Instant instant);

} // namespace gatekit::flags
