#pragma once

#include <gatekit/common/error.hpp>
#include <gatekit/junit/report.hpp>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace gatekit::junit {

// How reports that mention the same test are combined. A test is identified
// by (suite name, class name, name). Within one file, repeated entries are one
// test with the worst outcome (pytest writes a second entry for a teardown
// error); across files:
struct MergeOptions {
  // Off: the worst outcome is kept.
  // On: the files are successive attempts in the order given; the latest
  // decides, and a pass after an earlier failure makes the test flaky.
  bool merge_retries = false;
};

// One input file as the run summary lists it.
struct FileSummary {
  std::string path;
  std::string dialect;
  OutcomeCounts counts; // of the file's own <testcase> elements, before de-duplication
  double time_seconds = 0;
  std::vector<std::string> warnings;

  bool empty() const { return counts.tests == 0; }
};

// A test after de-duplication, with where it came from. 48 bytes: a run may
// hold millions.
struct TestResult {
  TestCase test;                 // StringIds refer to TestRun::strings
  std::uint32_t file_index;      // the file whose entry decided the outcome
  std::uint16_t occurrences = 1; // entries folded into this test (saturates)
  bool passed_on_retry = false;  // flaky because a later file passed it (--merge-retries)
};

// Every test of every report, de-duplicated.
struct TestRun {
  std::vector<std::string> strings;
  std::string names;             // test names, see TestCase::name
  std::vector<TestResult> tests; // in input order (file, then document order)
  std::vector<CaseDetail> details;
  std::vector<FileSummary> files;
  std::uint64_t duplicates_in_file = 0;      // repeated entries folded within a file
  std::uint64_t duplicates_across_files = 0; // repeated entries folded across files
  std::uint64_t retried_to_flaky = 0;        // tests flaky because a retry passed them
  std::uint64_t traces_dropped = 0;          // failure texts not kept, see k_max_kept_traces

  const std::string& text(StringId id) const { return strings[id]; }
  std::string_view name(const TestCase& test) const {
    return std::string_view(names).substr(test.name.offset, test.name.size);
  }
  const CaseDetail* detail(const TestCase& test) const {
    return test.detail == k_no_detail ? nullptr : &details[test.detail];
  }
  // "classname::name", or the name alone when there is no class name.
  std::string test_id(const TestCase& test) const;
};

// Stack traces kept per run: the outputs use far fewer (the JSON report lists
// 1,000 failures), and a million-test run with 45,000 failures would otherwise
// hold every trace. Messages are always kept.
inline constexpr std::uint64_t k_max_kept_traces = 2000;

// Folds reports into a TestRun one at a time, so that only one parsed file
// needs to be held in memory at once.
class RunBuilder {
public:
  explicit RunBuilder(MergeOptions options);

  // Adds one report, folding its repeated entries; fails only if the run
  // outgrows its 32-bit name offsets. The report may be discarded afterwards.
  Status add(Report report);

  // De-duplicates (see MergeOptions) and returns the run.
  TestRun finish();

private:
  StringId intern(const std::string& text);

  MergeOptions m_options;
  TestRun m_run;
  std::uint64_t m_traces_kept = 0;
  std::unordered_map<std::string, StringId> m_string_ids;
};

} // namespace gatekit::junit
