#include "flag_rows.hpp"

#include <gatekit/flags/report.hpp>

#include <cstdio>

namespace gatekit::flags {

namespace detail {

std::vector<FlagRow> flag_rows(const FlagFile& file, Instant at) {
  std::vector<FlagRow> rows;
  for (const Flag& flag : file.flags) {
    FlagRow row;
    row.name = flag.key;
    row.state = is_on(flag) ? "on" : "off";
    if (file.format == Format::flagd) {
      row.strategy = flag.targeting ? "targeting" : "static";
    } else {
      row.strategy = strategy_name(flag.strategy);
      const RolloutState state = rollout_state(flag, at);
      row.percentage = state.percentage;
      row.phase = state.phase;
      if (!flag.enabled && state.percentage && *state.percentage > 0) {
        row.scheduled = state.percentage;
        row.percentage = 0.0;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string format_label(const FlagFile& file) {
  return std::string(file.format == Format::flagd ? "flagd" : "own format") +
         (file.syntax == Syntax::yaml ? ", YAML" : ", JSON");
}

std::string now_text(std::optional<double> percentage, std::optional<double> scheduled) {
  return scheduled ? percent_text(percentage) + " (off, schedule " + percent_text(scheduled) + ")"
                   : percent_text(percentage);
}

} // namespace detail

std::string decimal_text(double value, int decimals) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  std::string result = text;
  if (result.find('.') != std::string::npos) {
    while (result.back() == '0') {
      result.pop_back();
    }
    if (result.back() == '.') {
      result.pop_back();
    }
  }
  return result;
}

std::string percent_text(std::optional<double> value) {
  return value ? decimal_text(*value) + "%" : "-";
}

} // namespace gatekit::flags
