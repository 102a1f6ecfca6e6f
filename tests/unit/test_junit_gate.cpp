#include "junit_helpers.hpp"

#include <gatekit/junit/gate.hpp>

#include <doctest/doctest.h>

using namespace gatekit;
using namespace gatekit::junit;
using namespace gatekit::junit::testing;

namespace {

GatePolicy rate(const char* percent) {
  GatePolicy policy;
  policy.min_pass_rate = *parse_percent(percent);
  return policy;
}

const GateCheck* find_check(const GateResult& result, const std::string& name) {
  for (const GateCheck& check : result.checks) {
    if (check.name == name) {
      return &check;
    }
  }
  return nullptr;
}

} // namespace

TEST_SUITE("junit::gate") {
  TEST_CASE("no test found fails the gate by default and passes when allowed") {
    const TestRun empty = run_of({"<testsuite tests='0'/>"});
    const GateResult failed = evaluate(empty, rate("95"));
    CHECK_FALSE(failed.passed);
    CHECK(failed.reasons() ==
          std::vector<std::string>{"tests ran: no test cases found (fail-on-empty)"});
    GatePolicy allowed = rate("95");
    allowed.fail_on_empty = false;
    CHECK(evaluate(empty, allowed).passed);
  }

  TEST_CASE("a run where every test was skipped counts as empty") {
    const GateResult result = evaluate(run_of({suite(skipped("a") + skipped("b"))}), rate("0"));
    CHECK_FALSE(result.passed);
    CHECK(result.reasons()[0].find("all 2 tests were skipped") != std::string::npos);
  }

  TEST_CASE("the default policy fails on any failed test") {
    const GateResult result =
        evaluate(run_of({suite(passing_cases(99) + failing("f"))}), GatePolicy{});
    CHECK_FALSE(result.passed);
    CHECK(result.pass_rate_text() == "99.00");
  }

  TEST_CASE("pass rate is passed over executed tests: skipped excluded, flaky counted as passed") {
    // 18 passed + 1 flaky + 1 failed + 5 skipped: 19 / 20 = 95%.
    std::string cases = passing_cases(18) + failing("f") +
                        "<testcase classname='c' name='fl'><flakyFailure/></testcase>";
    for (int i = 0; i < 5; ++i) {
      cases += skipped("s" + std::to_string(i));
    }
    const TestRun run = run_of({suite(cases)});
    const GateResult at_95 = evaluate(run, rate("95"));
    CHECK(at_95.passed);
    CHECK(at_95.totals.tests == 25);
    CHECK(at_95.totals.passed == 18);
    CHECK(at_95.totals.flaky == 1);
    CHECK(at_95.rate_numerator == 19);
    CHECK(at_95.rate_denominator == 20);
    CHECK(find_check(at_95, "pass rate")->detail == "95.00% (19 of 20) >= 95% required");
    CHECK_FALSE(evaluate(run, rate("95.01")).passed);
    REQUIRE(at_95.flaky.size() == 1);
  }

  TEST_CASE("skipped tests count against the rate when asked") {
    const TestRun run = run_of({suite(passing_cases(9) + skipped("s"))});
    GatePolicy policy = rate("95");
    CHECK(evaluate(run, policy).passed);
    policy.skipped_count_against = true;
    const GateResult result = evaluate(run, policy);
    CHECK_FALSE(result.passed);
    CHECK(result.pass_rate_text() == "90.00");
  }

  TEST_CASE("98% production gate fails at 97.99% even though it rounds to 98.0") {
    // 9799 of 10000 = 97.99%: the gate must not round it to 98.
    const TestRun run = run_of({suite(passing_cases(9799) + [] {
      std::string cases;
      for (int i = 0; i < 201; ++i) {
        cases += failing("f" + std::to_string(i));
      }
      return cases;
    }())});
    const GateResult result = evaluate(run, rate("98"));
    CHECK_FALSE(result.passed);
    CHECK(result.pass_rate_text() == "97.99");
  }

  TEST_CASE("max-failures and min-tests add their own checks") {
    const TestRun run = run_of({suite(passing_cases(8) + failing("a") + failing("b"))});
    GatePolicy policy = rate("0");
    policy.max_failures = 1;
    policy.min_tests = 20;
    const GateResult result = evaluate(run, policy);
    CHECK_FALSE(result.passed);
    CHECK(find_check(result, "failures")->detail == "2 failed or errored > 1 allowed");
    CHECK(find_check(result, "test count")->detail == "10 tests < 20 required");
    policy.max_failures = 2;
    policy.min_tests = 10;
    CHECK(evaluate(run, policy).passed);
  }

  TEST_CASE("a failed critical test fails the gate whatever the rate, and is listed first") {
    const TestRun run = run_of({suite(passing_cases(98) + failing("test_other") +
                                      failing("test_login_critical", "auth"))});
    GatePolicy policy = rate("90");
    CHECK(evaluate(run, policy).passed);
    policy.critical = TestFilter({"*critical*"});
    const GateResult result = evaluate(run, policy);
    CHECK_FALSE(result.passed);
    CHECK(result.critical_tests == 1);
    REQUIRE(result.failures.size() == 2);
    CHECK(run.test_id(run.tests[result.failures[0]].test) == "auth::test_login_critical");
  }

  TEST_CASE("critical tests can be selected by property (a pytest marker recorded as a property)") {
    const TestRun run =
        run_of({suite("<testcase classname='c' name='t'><properties><property name='marker' "
                      "value='smoke'/></properties><failure/></testcase>" +
                      passing_cases(99))});
    GatePolicy policy = rate("50");
    policy.critical = TestFilter({"marker=smoke"});
    CHECK_FALSE(evaluate(run, policy).passed);
  }

  TEST_CASE("a critical pattern that matches nothing is warned about") {
    GatePolicy policy = rate("0");
    policy.critical = TestFilter({"nothing*"});
    const GateResult result = evaluate(run_of({suite(passing_cases(2))}), policy);
    CHECK(result.passed);
    CHECK(result.warnings ==
          std::vector<std::string>{"critical pattern 'nothing*' matched no test"});
  }

  TEST_CASE("quarantined tests are reported but not counted, and never hide a critical test") {
    const TestRun run = run_of(
        {suite(passing_cases(9) + failing("test_flaky_network") + failing("test_critical_db"))});
    GatePolicy policy = rate("100");
    policy.quarantine = TestFilter({"c::test_flaky_*", "c::test_critical_*", "gone::*"});
    policy.critical = TestFilter({"*critical*"});
    const GateResult result = evaluate(run, policy);
    CHECK(result.quarantined.size() == 1);
    CHECK(result.totals.tests == 10);
    CHECK(result.totals.failures == 1);
    CHECK_FALSE(result.passed);
    CHECK(result.warnings.back().find("'gone::*' matched no test") != std::string::npos);
    policy.critical = TestFilter();
    const GateResult without_critical = evaluate(run, policy);
    CHECK(without_critical.passed);
    CHECK(without_critical.quarantined.size() == 2);
  }

  TEST_CASE("quarantine files ignore comments and blank lines; an emptied list is valid") {
    CHECK(parse_quarantine("# known flaky\n\ntests.api::test_a\n  tests.web::*  \n", "q.txt")
              .value() == std::vector<std::string>{"tests.api::test_a", "tests.web::*"});
    CHECK(parse_quarantine("# all fixed\n", "q.txt").value().empty());
  }

  TEST_CASE("a skipped critical test fails the critical check") {
    const TestRun run = run_of({suite(passing_cases(5) + skipped("deploy_smoke"))});
    GatePolicy policy = rate("90");
    policy.critical = TestFilter({"c::deploy_smoke"});
    const GateResult result = evaluate(run, policy);
    CHECK_FALSE(result.passed);
    CHECK(result.reasons() ==
          std::vector<std::string>{"critical tests: 0 of 1 critical test failed, 1 skipped"});
  }

  TEST_CASE("min-tests counts the tests output: quarantined tests excluded") {
    const TestRun run = run_of({suite(passing_cases(2) + failing("q"))});
    GatePolicy policy = rate("0");
    policy.min_tests = 3;
    policy.quarantine = TestFilter({"c::q"});
    CHECK_FALSE(evaluate(run, policy).passed);
  }
}
