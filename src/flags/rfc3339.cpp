#include <gatekit/flags/rfc3339.hpp>

#include <cstdio>
#include <string>

namespace gatekit::flags {
namespace {

bool digits(std::string_view text, std::size_t at, std::size_t count, int& value) {
  if (at + count > text.size()) {
    return false;
  }
  value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return false;
    }
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

bool leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  static const int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : k_days[month - 1];
}

// Inverse of days_from_civil (Hinnant's civil_from_days).
void civil_from_days(std::int64_t z, std::int64_t& year, unsigned& month, unsigned& day) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
}

} // namespace

std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

namespace {

// The fields of a date-time, before they become an instant.
struct Fields {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  Instant micros = 0;     // the fraction, truncated to microseconds
  int offset_minutes = 0; // local time minus UTC
  bool space = false;     // a space where T belongs
};

// Reads the grammar of RFC 3339 section 5.6, a space in place of T included
// so that the caller can say what is wrong with it.
std::optional<Fields> read_fields(std::string_view text) {
  Fields f;
  if (!digits(text, 0, 4, f.year) || text.size() < 20 || text[4] != '-' ||
      !digits(text, 5, 2, f.month) || text[7] != '-' || !digits(text, 8, 2, f.day) ||
      (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !digits(text, 11, 2, f.hour) ||
      text[13] != ':' || !digits(text, 14, 2, f.minute) || text[16] != ':' ||
      !digits(text, 17, 2, f.second)) {
    return std::nullopt;
  }
  f.space = text[10] == ' ';
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > days_in_month(f.year, f.month) ||
      f.hour > 23 || f.minute > 59 || f.second > 60) {
    return std::nullopt;
  }
  std::size_t at = 19;
  if (at < text.size() && text[at] == '.') {
    ++at;
    const std::size_t first = at;
    Instant scale = k_second;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
      scale /= 10;
      f.micros += (text[at] - '0') * scale;
      ++at;
    }
    if (at == first) {
      return std::nullopt;
    }
  }
  if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
    ++at;
  } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    int oh = 0, om = 0;
    if (!digits(text, at + 1, 2, oh) || at + 3 >= text.size() || text[at + 3] != ':' ||
        !digits(text, at + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    f.offset_minutes = (text[at] == '+' ? 1 : -1) * (oh * 60 + om);
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != text.size()) {
    return std::nullopt;
  }
  return f;
}

// A leap second is inserted at the end of a UTC day, so second 60 is only
// ever 23:59:60 in UTC (18:59:60-05:00 is the same instant).
bool leap_second_allowed(const Fields& f) {
  const int utc_minute = ((f.hour * 60 + f.minute - f.offset_minutes) % 1440 + 1440) % 1440;
  return utc_minute == 23 * 60 + 59;
}

} // namespace

std::optional<Instant> parse_rfc3339(std::string_view text) {
  const std::optional<Fields> f = read_fields(text);
  if (!f || f->space || (f->second == 60 && !leap_second_allowed(*f))) {
    return std::nullopt;
  }
  const std::int64_t days =
      days_from_civil(f->year, static_cast<unsigned>(f->month), static_cast<unsigned>(f->day));
  const std::int64_t seconds = days * 86400 + f->hour * 3600 + f->minute * 60 +
                               (f->second == 60 ? 59 : f->second) - f->offset_minutes * 60;
  // The leap second sorts after every instant of 23:59:59 and before the
  // next day; its own fraction cannot be told apart on this time scale.
  const Instant micros = f->second == 60 ? k_second - 1 : f->micros;
  return seconds * k_second + micros;
}

std::string rfc3339_hint(std::string_view text) {
  const std::optional<Fields> f = read_fields(text);
  if (!f) {
    return "";
  }
  if (f->space) {
    return "RFC 3339 (section 5.6) needs 'T' between the date and the time, not a space: write " +
           std::string(text.substr(0, 10)) + "T" + std::string(text.substr(11, 8)) + "...";
  }
  if (f->second == 60 && !leap_second_allowed(*f)) {
    return "second 60 exists only for a leap second, at 23:59:60 UTC";
  }
  return "";
}

std::string format_rfc3339(Instant instant) {
  constexpr Instant k_day = 86400 * k_second;
  std::int64_t days = instant / k_day;
  std::int64_t rest = instant % k_day;
  if (rest < 0) {
    rest += k_day;
    --days;
  }
  const std::int64_t seconds = rest / k_second;
  const std::int64_t micros = rest % k_second;
  std::int64_t year = 0;
  unsigned month = 0, day = 0;
  civil_from_days(days, year, month, day);
  char text[48];
  std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02lld:%02lld:%02lld",
                static_cast<long long>(year), month, day, static_cast<long long>(seconds / 3600),
                static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
  std::string result = text;
  if (micros != 0) {
    char fraction[16];
    std::snprintf(fraction, sizeof fraction, ".%06lld", static_cast<long long>(micros));
    std::string digits_text = fraction;
    while (digits_text.back() == '0') {
      digits_text.pop_back();
    }
    result += digits_text;
  }
  return result + "Z";
}

} // namespace gatekit::flags
