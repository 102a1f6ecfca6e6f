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
// "...00.25Z") to UTC microseconds (digits past the sixth are truncated);
// nullopt for anything else, including dates without a time or offset, a
// space instead of T, impossible days, and second 60 other than a leap
// second at 23:59:60 UTC (which counts as 23:59:59.999999).
std::optional<Instant> parse_rfc3339(std::string_view text);

// Why `text` is not RFC 3339 when the cause is a common slip (a space for
// T, a misplaced second 60), as a sentence to append to the message; ""
// otherwise.
std::string rfc3339_hint(std::string_view text);

// "2025-10-21T12:00:00Z", with ".25" style fractions only when not whole.
std::string format_rfc3339(Instant instant);

} // namespace gatekit::flags
