#include <gatekit/junit/gate.hpp>

#include <algorithm>

namespace gatekit::junit {
namespace {

bool is_failure(Outcome outcome) {
  return outcome == Outcome::failed || outcome == Outcome::error;
}

std::string plural(std::uint64_t count, const char* noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

} // namespace

std::string GateResult::pass_rate_text() const {
  return format_ratio_percent(rate_numerator, rate_denominator);
}

std::vector<std::string> GateResult::reasons() const {
  std::vector<std::string> reasons;
  for (const GateCheck& check : checks) {
    if (!passed ? !check.passed : true) {
      reasons.push_back(check.name + ": " + check.detail);
    }
  }
  return reasons;
}

GateResult evaluate(const TestRun& run, const GatePolicy& policy) {
  GateResult result;
  std::vector<std::uint32_t> other_failures;
  std::vector<std::uint64_t> critical_matches(policy.critical.patterns().size(), 0);
  std::vector<std::uint64_t> quarantine_matches(policy.quarantine.patterns().size(), 0);
  for (std::uint32_t i = 0; i < run.tests.size(); ++i) {
    const TestCase& test = run.tests[i].test;
    const int critical = policy.critical.match(run, test);
    if (critical >= 0) {
      ++critical_matches[static_cast<size_t>(critical)];
      ++result.critical_tests;
    }
    // A critical test is never quarantined: it must pass.
    const int quarantined = critical >= 0 ? -1 : policy.quarantine.match(run, test);
    if (quarantined >= 0) {
      ++quarantine_matches[static_cast<size_t>(quarantined)];
      result.quarantined.push_back(i);
      continue;
    }
    result.totals.add(test.outcome);
    if (test.outcome == Outcome::flaky) {
      result.flaky.push_back(i);
    }
    if (is_failure(test.outcome)) {
      (critical >= 0 ? result.critical_failures : other_failures).push_back(i);
    } else if (critical >= 0 && test.outcome == Outcome::skipped) {
      result.critical_skipped.push_back(i);
    }
  }
  result.failures = result.critical_failures;
  result.failures.insert(result.failures.end(), other_failures.begin(), other_failures.end());

  const Totals& totals = result.totals;
  result.rate_numerator = totals.passed + totals.flaky;
  result.rate_denominator =
      policy.skipped_count_against ? totals.tests : totals.tests - totals.skipped;

  const auto add_check = [&result](std::string name, bool passed, std::string detail) {
    result.checks.push_back(GateCheck{std::move(name), passed, std::move(detail)});
    result.passed = result.passed && passed;
  };

  if (result.rate_denominator == 0) {
    const std::string what = totals.tests == 0
                                 ? std::string("no test cases found")
                                 : "all " + plural(totals.tests, "test") + " were skipped";
    add_check("tests ran", !policy.fail_on_empty,
              what +
                  (policy.fail_on_empty ? " (fail-on-empty)" : " (allowed: fail-on-empty is off)"));
  } else {
    const bool met =
        ratio_meets(result.rate_numerator, result.rate_denominator, policy.min_pass_rate);
    add_check("pass rate", met,
              result.pass_rate_text() + "% (" + std::to_string(result.rate_numerator) + " of " +
                  std::to_string(result.rate_denominator) + ") " + (met ? ">= " : "< ") +
                  format_percent(policy.min_pass_rate) + "% required");
  }
  if (policy.min_tests) {
    // The same count as the `tests` output: skipped included, quarantined not.
    const std::uint64_t distinct = totals.tests;
    add_check("test count", distinct >= *policy.min_tests,
              plural(distinct, "test") + (distinct >= *policy.min_tests ? " >= " : " < ") +
                  std::to_string(*policy.min_tests) + " required");
  }
  if (policy.max_failures) {
    const std::uint64_t failed = totals.failures + totals.errors;
    add_check("failures", failed <= *policy.max_failures,
              std::to_string(failed) + " failed or errored" +
                  (failed <= *policy.max_failures ? " <= " : " > ") +
                  std::to_string(*policy.max_failures) + " allowed");
  }
  if (!policy.critical.empty()) {
    // "Must pass" means must pass: a skipped critical test did not.
    const std::uint64_t failed = result.critical_failures.size();
    const std::uint64_t skipped = result.critical_skipped.size();
    std::string detail = std::to_string(failed) + " of " +
                         plural(result.critical_tests, "critical test") + " failed";
    if (skipped > 0) {
      detail += ", " + std::to_string(skipped) + " skipped";
    }
    add_check("critical tests", failed == 0 && skipped == 0, detail);
    for (size_t i = 0; i < critical_matches.size(); ++i) {
      if (critical_matches[i] == 0) {
        result.warnings.push_back("critical pattern '" + policy.critical.patterns()[i] +
                                  "' matched no test");
      }
    }
  }
  for (size_t i = 0; i < quarantine_matches.size(); ++i) {
    if (quarantine_matches[i] == 0) {
      result.warnings.push_back("quarantine entry '" + policy.quarantine.patterns()[i] +
                                "' matched no test (fixed or renamed? remove it)");
    }
  }
  return result;
}

} // namespace gatekit::junit
