#pragma once

// Where an own-format rollout stands at an instant, and which users it reaches.

#include <gatekit/flags/model.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace gatekit::flags {

enum class Phase { none, not_started, in_progress, completed };

// "-", "not_started", "in_progress", "completed".
const char* phase_name(Phase phase);

struct RolloutState {
  Phase phase = Phase::none;        // none: the strategy has no schedule
  std::optional<double> percentage; // share of users reached; nullopt for canary
};

// The state at `at`: for progressive rollouts the phase against the window
// and the percentage, linear from initial_percentage at start_date to
// end_percentage at end_date, or with milestones the last one reached
// (initial_percentage before the first); for percentage rollouts
// rollout_percentage; for all_at_once 100 (0 when disabled).
RolloutState rollout_state(const Flag& flag, Instant at);

// The user's bucket for a flag, 0..999999: murmur3_x86_32("FLAG/USER", seed
// 0) mod 1000000, a millionth of the users each.
std::uint32_t user_bucket(const std::string& flag, const std::string& user);

// Whether `bucket` is in a rollout of `percentage` percent: bucket <
// round(percentage * 10000), exact to 0.0001%; raising the percentage only
// ever adds users.
bool in_rollout(std::uint32_t bucket, double percentage);

} // namespace gatekit::flags
