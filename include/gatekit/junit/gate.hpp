#pragma once

#include <gatekit/common/percent.hpp>
#include <gatekit/junit/merge.hpp>
#include <gatekit/junit/test_filter.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gatekit::junit {

// What the gate requires. The defaults make any failed test fail the gate.
struct GatePolicy {
  Percent min_pass_rate{100'000'000};        // --min-pass-rate, default 100
  std::optional<std::uint64_t> max_failures; // failures + errors allowed
  std::optional<std::uint64_t> min_tests;    // distinct tests the run must hold
  bool fail_on_empty = true;                 // no test ran: the gate fails
  bool skipped_count_against = false;        // skipped tests lower the pass rate
  TestFilter critical;                       // must all pass, whatever the rate
  TestFilter quarantine;                     // reported, not counted
};

// The run's counts, quarantined tests excluded.
using Totals = OutcomeCounts;

// One requirement of the policy and whether the run met it.
struct GateCheck {
  std::string name; // "pass rate", "critical tests", ...
  bool passed = true;
  std::string detail; // "96.66% >= 95% required"
};

// The verdict with the numbers and the reasons behind it.
struct GateResult {
  bool passed = true;
  Totals totals;                      // quarantined tests excluded
  std::uint64_t rate_numerator = 0;   // passed + flaky
  std::uint64_t rate_denominator = 0; // tests - skipped (or tests)
  std::vector<GateCheck> checks;
  std::vector<std::uint32_t> failures; // indices into TestRun::tests, critical first
  std::vector<std::uint32_t> critical_failures;
  std::vector<std::uint32_t> critical_skipped; // skipped critical tests fail the gate too
  std::uint64_t critical_tests = 0;
  std::vector<std::uint32_t> quarantined;
  std::vector<std::uint32_t> flaky;
  std::vector<std::string> warnings;

  bool rate_defined() const { return rate_denominator > 0; }
  // "96.66" (rounded down) or "n/a" when no test ran.
  std::string pass_rate_text() const;
  // The details of the failed checks, or of all checks when the gate passed.
  std::vector<std::string> reasons() const;
};

// Decides the gate. Pure: no I/O, the same run and policy give the same result.
GateResult evaluate(const TestRun& run, const GatePolicy& policy);

} // namespace gatekit::junit
