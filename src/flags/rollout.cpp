#include <gatekit/flags/murmur3.hpp>
#include <gatekit/flags/rollout.hpp>

#include <cmath>

namespace gatekit::flags {

const char* phase_name(Phase phase) {
  switch (phase) {
  case Phase::none:
    return "-";
  case Phase::not_started:
    return "not_started";
  case Phase::in_progress:
    return "in_progress";
  case Phase::completed:
    return "completed";
  }
  return "-";
}

RolloutState rollout_state(const Flag& flag, Instant at) {
  RolloutState state;
  switch (flag.strategy) {
  case Strategy::all_at_once:
    state.percentage = flag.enabled ? 100.0 : 0.0;
    return state;
  case Strategy::percentage:
    state.percentage = flag.rollout_percentage.value_or(0.0);
    return state;
  case Strategy::canary:
    return state;
  case Strategy::progressive:
    break;
  }
  if (!flag.progressive || !flag.progressive->start || !flag.progressive->end) {
    return state;
  }
  const ProgressiveConfig& config = *flag.progressive;
  const Instant start = *config.start;
  const Instant end = *config.end;
  if (at < start) {
    state.phase = Phase::not_started;
    state.percentage = config.initial_percentage;
  } else if (at >= end) {
    state.phase = Phase::completed;
    state.percentage = config.end_percentage;
  } else if (!config.milestones.empty()) {
    state.phase = Phase::in_progress;
    state.percentage = config.initial_percentage;
    for (const Milestone& milestone : config.milestones) {
      if (milestone.date <= at) {
        state.percentage = milestone.percentage;
      }
    }
  } else {
    state.phase = Phase::in_progress;
    const double fraction = static_cast<double>(at - start) / static_cast<double>(end - start);
    state.percentage =
        config.initial_percentage + (config.end_percentage - config.initial_percentage) * fraction;
  }
  return state;
}

std::uint32_t user_bucket(const std::string& flag, const std::string& user) {
  return murmur3_x86_32(flag + "/" + user) % 1'000'000;
}

bool in_rollout(std::uint32_t bucket, double percentage) {
  // Percent to millionths, rounded, so 33.333 admits exactly 333330 of a
  // million buckets: a product like 33.333 * 10000 may land a hair above.
  return static_cast<std::int64_t>(bucket) < std::llround(percentage * 10000);
}

} // namespace gatekit::flags
