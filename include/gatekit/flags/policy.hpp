#pragma once

// An environment's rules for a flag file: {"environments": {NAME: {"required",
// "must_be_on", "must_be_off", "allowed_strategies", "max_percentage"}}}.

#include <gatekit/common/error.hpp>
#include <gatekit/flags/model.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gatekit::flags {

// A name listed in the policy and where.
struct PolicyEntry {
  std::string name;
  Location where;
};

struct EnvironmentPolicy {
  std::string environment;
  std::vector<PolicyEntry> required;
  std::vector<PolicyEntry> must_be_on;
  std::vector<PolicyEntry> must_be_off;
  std::vector<std::string> allowed_strategies; // empty: any
  std::optional<double> max_percentage;
};

// Reads the policy (JSON or YAML) and picks `environment`; "" picks the only
// one. Fails, located, on a malformed file, wrong types, an unknown strategy
// or an environment the policy does not have.
Result<EnvironmentPolicy> parse_policy(std::string_view text, const std::string& path,
                                       const std::string& environment);

// One error per violation, located in the flag file (or at the policy entry
// for a missing required flag).
std::vector<Finding> check_policy(const FlagFile& file, const EnvironmentPolicy& policy,
                                  Instant at);

} // namespace gatekit::flags
