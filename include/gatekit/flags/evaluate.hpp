#pragma once

// `flag-validate eval`: every flag's state at an instant, and for a user (and
// region) the answer the flag gives.

#include <gatekit/flags/model.hpp>
#include <gatekit/flags/rollout.hpp>

#include <optional>
#include <string>
#include <vector>

namespace gatekit::flags {

// Who is asking, and when.
struct EvalContext {
  Instant at = 0;
  std::optional<std::string> user;   // own format: the user id; flagd: targetingKey
  std::optional<std::string> region; // own format: canary region; flagd: "region"
};

struct FlagEvaluation {
  std::string key;
  bool enabled = false;
  std::string strategy;            // own: the rollout strategy; flagd: "static" or "targeting"
  RolloutState state;              // percentage: users reached now, 0 when off
  std::optional<double> scheduled; // an off flag's schedule, when it says more than 0
  // For the context: own format "true"/"false"; flagd the variant's value as
  // JSON. nullopt when it cannot be told (no user for a partial rollout, an
  // operator not evaluated).
  std::optional<std::string> value;
  std::optional<std::string> variant; // flagd only
  std::string reason;                 // why this value
};

// Evaluates every flag of `file` in file order.
std::vector<FlagEvaluation> evaluate_flags(const FlagFile& file, const EvalContext& context);

} // namespace gatekit::flags
