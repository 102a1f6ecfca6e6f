#include <gatekit/common/text.hpp>
#include <gatekit/health/units.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

namespace gatekit::health {
namespace {

// A non-negative finite decimal number at the start of `text`; the rest of
// the text (the unit) is returned in `unit`.
std::optional<double> leading_number(std::string_view text, std::string_view& unit) {
  text = trim(text);
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data() || !std::isfinite(value) || value < 0.0) {
    return std::nullopt;
  }
  unit = trim(std::string_view(end, static_cast<size_t>(text.data() + text.size() - end)));
  return value;
}

} // namespace

std::optional<double> parse_duration(std::string_view text) {
  std::string_view unit;
  const std::optional<double> value = leading_number(text, unit);
  if (!value) {
    return std::nullopt;
  }
  double scale = 0.0;
  if (unit.empty() || unit == "s") {
    scale = 1.0;
  } else if (unit == "ms") {
    scale = 1e-3;
  } else if (unit == "us") {
    scale = 1e-6;
  } else if (unit == "m") {
    scale = 60.0;
  } else if (unit == "h") {
    scale = 3600.0;
  } else {
    return std::nullopt;
  }
  const double seconds = *value * scale;
  // A week bounds every wait a deployment gate could mean; beyond that the
  // number is a typo ("500" meant as milliseconds is still accepted).
  if (seconds > 7 * 24 * 3600.0) {
    return std::nullopt;
  }
  return seconds;
}

std::optional<std::uint64_t> parse_byte_size(std::string_view text) {
  std::string_view unit;
  const std::optional<double> value = leading_number(text, unit);
  if (!value) {
    return std::nullopt;
  }
  const std::string lower = to_lower(unit);
  struct Unit {
    const char* name;
    double scale;
  };
  static constexpr Unit k_units[] = {{"", 1.0},     {"b", 1.0},      {"kb", 1e3},   {"mb", 1e6},
                                     {"gb", 1e9},   {"tb", 1e12},    {"k", 1024.0}, {"kib", 1024.0},
                                     {"m", 0x1p20}, {"mib", 0x1p20}, {"g", 0x1p30}, {"gib", 0x1p30},
                                     {"t", 0x1p40}, {"tib", 0x1p40}};
  for (const Unit& candidate : k_units) {
    if (lower == candidate.name) {
      const double bytes = *value * candidate.scale;
      if (bytes >= 0x1p63) {
        return std::nullopt;
      }
      return static_cast<std::uint64_t>(std::llround(bytes));
    }
  }
  return std::nullopt;
}

std::vector<StatusRange> success_statuses() {
  std::vector<StatusRange> ranges(1);
  ranges[0] = StatusRange{200, 299};
  return ranges;
}

std::optional<std::vector<StatusRange>> parse_status_set(std::string_view text) {
  std::vector<StatusRange> ranges;
  const auto parse_code = [](std::string_view digits) -> std::optional<int> {
    digits = trim(digits);
    int code = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), code);
    if (error != std::errc() || end != digits.data() + digits.size() || code < 100 || code > 599) {
      return std::nullopt;
    }
    return code;
  };
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) {
      comma = text.size();
    }
    const std::string_view item = trim(text.substr(start, comma - start));
    if (item.size() == 3 && (item[1] == 'x' || item[1] == 'X') &&
        (item[2] == 'x' || item[2] == 'X') && item[0] >= '1' && item[0] <= '5') {
      const int hundred = (item[0] - '0') * 100;
      ranges.push_back({hundred, hundred + 99});
    } else if (const size_t dash = item.find('-'); dash != std::string_view::npos) {
      const std::optional<int> first = parse_code(item.substr(0, dash));
      const std::optional<int> last = parse_code(item.substr(dash + 1));
      if (!first || !last || *first > *last) {
        return std::nullopt;
      }
      ranges.push_back({*first, *last});
    } else {
      const std::optional<int> code = parse_code(item);
      if (!code) {
        return std::nullopt;
      }
      ranges.push_back({*code, *code});
    }
    start = comma + 1;
  }
  if (ranges.empty()) {
    return std::nullopt;
  }
  return ranges;
}

bool status_in(const std::vector<StatusRange>& ranges, long status) {
  for (const StatusRange& range : ranges) {
    if (status >= range.first && status <= range.last) {
      return true;
    }
  }
  return false;
}

std::string format_status_set(const std::vector<StatusRange>& ranges) {
  std::string text;
  for (const StatusRange& range : ranges) {
    if (!text.empty()) {
      text += ',';
    }
    text += std::to_string(range.first);
    if (range.last != range.first) {
      text += '-' + std::to_string(range.last);
    }
  }
  return text;
}

std::string format_duration(double seconds) {
  char buffer[32];
  if (seconds < 0.0) {
    return "-";
  }
  if (seconds < 0.001) {
    std::snprintf(buffer, sizeof buffer, "%.2f ms", seconds * 1e3);
  } else if (seconds < 1.0) {
    std::snprintf(buffer, sizeof buffer, "%.0f ms", seconds * 1e3);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.2f s", seconds);
  }
  return buffer;
}

std::string format_byte_size(std::uint64_t bytes) {
  static constexpr const char* k_units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double value = static_cast<double>(bytes);
  size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < std::size(k_units)) {
    value /= 1024.0;
    ++unit;
  }
  char buffer[32];
  if (unit == 0) {
    std::snprintf(buffer, sizeof buffer, "%llu B", static_cast<unsigned long long>(bytes));
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f %s", value, k_units[unit]);
  }
  return buffer;
}

} // namespace gatekit::health
