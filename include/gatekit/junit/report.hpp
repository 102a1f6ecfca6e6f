#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gatekit::junit {

// What became of one test case. Ordered from least to most severe, which is
// the order "keep the worst outcome" uses when a test is reported twice.
enum class Outcome : std::uint8_t { skipped, passed, flaky, failed, error };

// "passed", "flaky", ... as used in reports and outputs.
const char* outcome_name(Outcome outcome);

// The more severe of two outcomes.
Outcome worst_of(Outcome a, Outcome b);

// How many tests ended in each outcome; `passed` excludes flaky tests.
struct OutcomeCounts {
  std::uint64_t tests = 0;
  std::uint64_t passed = 0;
  std::uint64_t failures = 0;
  std::uint64_t errors = 0;
  std::uint64_t skipped = 0;
  std::uint64_t flaky = 0;

  // Counts one more test with `outcome`.
  void add(Outcome outcome);
};

// Index into a string table; suite, class and file names repeat across
// thousands of cases and are stored once.
using StringId = std::uint32_t;

// Failure text and other rarely present data, kept apart from TestCase so the
// common passing case stays small.
struct CaseDetail {
  std::string message; // failure/error/skip message attribute, or the text's first line
  std::string type;    // failure/error type attribute
  std::string text;    // stack trace or other element text, truncated
  std::vector<std::pair<std::string, std::string>> properties;
};

inline constexpr std::uint32_t k_no_detail = UINT32_MAX;

// A test name stored in a report's name pool: 200,000 names in one buffer
// instead of 200,000 allocations.
struct NameRef {
  std::uint32_t offset = 0;
  std::uint32_t size = 0;
};

// One <testcase> element.
struct TestCase {
  NameRef name;           // see Report::name()
  StringId classname = 0; // "" when absent
  StringId suite = 0;     // innermost enclosing <testsuite name>
  StringId file = 0;      // testcase or enclosing suite `file`; "" when unknown
  std::uint32_t line = 0; // 1-based source line; 0 when unknown
  double time_seconds = 0;
  Outcome outcome = Outcome::passed;
  std::uint16_t failed_attempts = 0;  // failed runs before the recorded one (reruns)
  std::uint32_t detail = k_no_detail; // index into Report::details
};

// The totals a report declares about itself in <testsuite>/<testsuites>
// attributes; kept only to warn when they disagree with the cases counted.
struct DeclaredTotals {
  std::optional<std::uint64_t> tests;
  std::optional<std::uint64_t> failures;
  std::optional<std::uint64_t> errors;
  std::optional<std::uint64_t> skipped;
};

// One parsed JUnit XML file.
struct Report {
  std::string source;               // the path it was read from
  std::string dialect;              // best guess at the producer: "pytest", "surefire", ...
  std::vector<std::string> strings; // the string table; strings[0] is ""
  std::string names;                // the test names, see TestCase::name
  std::vector<TestCase> cases;      // in document order
  std::vector<CaseDetail> details;
  DeclaredTotals declared;
  std::uint32_t suite_count = 0;
  double time_seconds = 0;           // sum of the case times
  std::vector<std::string> warnings; // e.g. declared totals that disagree

  const std::string& text(StringId id) const { return strings[id]; }
  std::string_view name(const TestCase& test) const {
    return std::string_view(names).substr(test.name.offset, test.name.size);
  }
};

} // namespace gatekit::junit
