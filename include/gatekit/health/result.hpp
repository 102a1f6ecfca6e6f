#pragma once

// What probing produced: one result per attempt, one per check, one per run.

#include <gatekit/health/check.hpp>

#include <string>
#include <utility>
#include <vector>

namespace gatekit::health {

// One try of a check.
struct Attempt {
  bool ok = false;
  bool warning = false;          // ok, but a warning threshold was crossed
  std::string detail;            // "200 in 12 ms", "connection refused"
  double latency_seconds = -1.0; // the response time; < 0 when not measured
  // Named readings for the JSON report and the metrics file: "p95_seconds",
  // "used_percent", "value"...
  std::vector<std::pair<std::string, double>> measurements;
};

enum class Outcome { passed, warned, failed };

struct CheckResult {
  std::string name;
  std::string type;
  std::string target;
  Severity severity = Severity::critical;
  Outcome outcome = Outcome::failed;
  std::uint64_t attempts = 0;
  double elapsed_seconds = 0.0; // all attempts and delays
  Attempt last;                 // the attempt that decided the outcome
};

// A whole run: the last round's results, and how many rounds ran when polling.
struct HealthRun {
  std::vector<CheckResult> checks;
  std::uint64_t rounds = 1;
  double elapsed_seconds = 0.0;
};

struct HealthTotals {
  std::uint64_t passed = 0;
  std::uint64_t failed = 0;   // critical checks that failed
  std::uint64_t warnings = 0; // warnings and failed warning-severity checks
};

HealthTotals count_outcomes(const std::vector<CheckResult>& checks);

// Healthy when no critical check failed.
bool is_healthy(const std::vector<CheckResult>& checks);

// One line per critical failure, for the gate's reasons.
std::vector<std::string> failure_reasons(const std::vector<CheckResult>& checks);

} // namespace gatekit::health
