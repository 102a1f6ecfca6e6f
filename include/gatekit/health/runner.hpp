#pragma once

// Running checks: concurrently, each retried with exponential backoff until
// it passes, its retries run out or its deadline passes; optionally in
// repeated rounds (polling).

#include <gatekit/health/check.hpp>
#include <gatekit/health/result.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace gatekit::health {

struct RunOptions {
  std::size_t parallel = 32;        // checks probed at once
  double interval_seconds = 0.0;    // > 0: repeat every interval...
  double duration_seconds = 0.0;    // ...for this long, stopping at the first unhealthy round
  std::vector<std::string> secrets; // scrubbed from every detail
};

// The pause before retry number `retry` (1 for the first): the policy's
// delay doubled each time, capped at its maximum.
double retry_delay(const RetryPolicy& policy, std::uint64_t retry);

// One attempt of a check, bounded by `timeout_seconds`.
Attempt probe_once(const Check& check, double timeout_seconds);

// A check with its retries. With a wait deadline every attempt's timeout and
// every pause is clipped to the time left, so the deadline holds within
// a few milliseconds.
CheckResult run_check(const Check& check, const std::vector<std::string>& secrets);

// All checks, `parallel` at a time; results in the checks' order.
HealthRun run_checks(const std::vector<Check>& checks, const RunOptions& options);

} // namespace gatekit::health
