#pragma once

// Drift: the same switches set as environment variables in a workflow
// (ORCHESTRATION_ENABLED: 'true') or in the process environment, compared
// with the flag file.

#include <gatekit/common/error.hpp>
#include <gatekit/flags/model.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gatekit::flags {

// One FLAG_NAME: 'true'|'false' switch and where it was set.
struct Switch {
  std::string variable; // as written, e.g. AATC_SYSTEM_ENABLED
  std::string flag;     // the flag it names: lower case, prefix removed
  bool value = false;
  Location where; // the workflow line, or "environment" for the process
};

// Every 'true'/'false' entry of every `env:` mapping in a workflow (top
// level, jobs, steps). Other values are not switches and are skipped.
Result<std::vector<Switch>> workflow_switches(std::string_view text, const std::string& path);

// The variables starting with `prefix` whose value is true or false (any
// case); the flag name is the rest, lower-cased.
std::vector<Switch>
environment_switches(const std::vector<std::pair<std::string, std::string>>& environment,
                     const std::string& prefix);

// One error per switch that names a flag of the file and disagrees with it
// (on as is_on() says), located at the switch. Switches
// naming no flag are returned in `unmatched`.
std::vector<Finding> check_drift(const FlagFile& file, const std::vector<Switch>& switches,
                                 std::vector<std::string>& unmatched);

} // namespace gatekit::flags
