#include "junit_helpers.hpp"

#include <gatekit/junit/merge.hpp>

#include <doctest/doctest.h>

using namespace gatekit::junit;
using namespace gatekit::junit::testing;

TEST_SUITE("junit::merge") {
  TEST_CASE("the same test twice in one file is one test with the worst outcome") {
    // pytest: the call fails, then teardown errors.
    const TestRun run = run_of({suite(failing("t") +
                                      "<testcase classname='c' name='t'><error message='teardown'/>"
                                      "</testcase>" +
                                      passing("u"))});
    REQUIRE(run.tests.size() == 2);
    CHECK(run.tests[0].test.outcome == Outcome::error);
    CHECK(run.details[run.tests[0].test.detail].message == "teardown");
    CHECK(run.duplicates_in_file == 1);
    CHECK(run.files[0].counts.tests == 3);
  }

  TEST_CASE("same name in different classes are different tests") {
    const TestRun run = run_of({suite(passing("t", "a") + failing("t", "b"))});
    CHECK(run.tests.size() == 2);
    CHECK(run.duplicates_in_file == 0);
  }

  TEST_CASE("across files the worst outcome is kept by default") {
    const TestRun run = run_of({suite(failing("t")), suite(passing("t"))});
    REQUIRE(run.tests.size() == 1);
    CHECK(run.tests[0].test.outcome == Outcome::failed);
    CHECK(run.duplicates_across_files == 1);
  }

  TEST_CASE("with merge-retries a later pass of a failed test is flaky") {
    const TestRun run =
        run_of({suite(failing("t") + failing("u")), suite(passing("t")), suite(passing("t"))},
               MergeOptions{true});
    REQUIRE(run.tests.size() == 2);
    CHECK(run.tests[0].test.outcome == Outcome::flaky);
    CHECK(run.tests[0].test.failed_attempts == 1);
    CHECK(run.tests[1].test.outcome == Outcome::failed);
    CHECK(run.retried_to_flaky == 1);
  }

  TEST_CASE("with merge-retries the latest attempt decides: a later failure fails") {
    const TestRun run = run_of({suite(passing("t")), suite(failing("t"))}, MergeOptions{true});
    CHECK(run.tests[0].test.outcome == Outcome::failed);
  }

  TEST_CASE("with merge-retries a skipped retry does not hide an earlier failure") {
    const TestRun run = run_of({suite(failing("t")), suite(skipped("t"))}, MergeOptions{true});
    CHECK(run.tests[0].test.outcome == Outcome::failed);
  }

  TEST_CASE("with merge-retries a later file's own repeated entries are not retries") {
    // b2 alone fails (worst of its two entries); b1 before it must not turn that into flaky.
    const TestRun run =
        run_of({suite(passing("t")), suite(failing("t") + passing("t"))}, MergeOptions{true});
    REQUIRE(run.tests.size() == 1);
    CHECK(run.tests[0].test.outcome == Outcome::failed);
    CHECK(run.duplicates_in_file == 1);
    CHECK(run.duplicates_across_files == 1);
  }

  TEST_CASE(
      "with merge-retries a re-failure after a flaky pass is failed and not counted as retried") {
    const TestRun run =
        run_of({suite(failing("t")), suite(passing("t")), suite(failing("t"))}, MergeOptions{true});
    CHECK(run.tests[0].test.outcome == Outcome::failed);
    CHECK(run.tests[0].test.failed_attempts == 1); // the failure before the recorded one
    CHECK(run.retried_to_flaky == 0);
    CHECK(run.tests[0].file_index == 2);
  }

  TEST_CASE("the same test name in two suites is two tests") {
    const TestRun run = run_of({"<testsuites><testsuite name='a'>" + passing("works", "test") +
                                "</testsuite><testsuite name='b'>" + failing("works", "test") +
                                "</testsuite></testsuites>"});
    CHECK(run.tests.size() == 2);
  }

  TEST_CASE("per-file summaries count the file's own cases") {
    const TestRun run =
        run_of({suite(passing("a") + failing("b") + skipped("c")), "<testsuite tests='0'/>"});
    REQUIRE(run.files.size() == 2);
    CHECK(run.files[0].counts.passed == 1);
    CHECK(run.files[0].counts.failures == 1);
    CHECK(run.files[0].counts.skipped == 1);
    CHECK(run.files[1].empty());
  }

  TEST_CASE("test ids join class name and name") {
    const TestRun run = run_of({suite(passing("t", "pkg.Cls") + "<testcase name='bare'/>")});
    CHECK(run.test_id(run.tests[0].test) == "pkg.Cls::t");
    CHECK(run.test_id(run.tests[1].test) == "bare");
  }
}

TEST_SUITE("junit::merge limits") {
  TEST_CASE("stack traces beyond the first k_max_kept_traces failures are dropped, messages kept") {
    std::string cases;
    for (std::uint64_t i = 0; i < k_max_kept_traces + 5; ++i) {
      cases += failing("f" + std::to_string(i));
    }
    const TestRun run = run_of({suite(cases)});
    CHECK(run.traces_dropped == 5);
    const TestCase& last = run.tests.back().test;
    CHECK(run.details[last.detail].text.empty());
    CHECK(run.details[last.detail].message == "boom");
    CHECK(run.details[run.tests.front().test.detail].text == "trace");
  }
}
