#pragma once

// The flag table every rendering shows: one row of plain text per flag.

#include <gatekit/flags/model.hpp>
#include <gatekit/flags/rollout.hpp>

#include <string>
#include <vector>

namespace gatekit::flags::detail {

struct FlagRow {
  std::string name;
  std::string state;                // "on" / "off"
  std::string strategy;             // own: rollout strategy; flagd: "static" / "targeting"
  std::optional<double> percentage; // users reached now: 0 when the flag is off
  std::optional<double> scheduled;  // an off flag's schedule, when it says more than 0
  Phase phase = Phase::none;
};

std::vector<FlagRow> flag_rows(const FlagFile& file, Instant at);

// "25%", or for an off flag with a schedule "0% (off, schedule 21.43%)".
std::string now_text(std::optional<double> percentage, std::optional<double> scheduled);

// "own format, JSON", "flagd, YAML".
std::string format_label(const FlagFile& file);

} // namespace gatekit::flags::detail
