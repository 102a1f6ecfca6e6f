#include <gatekit/junit/merge.hpp>

#include <cstdint>
#include <functional>
#include <string_view>

namespace gatekit::junit {
namespace {

bool is_pass(Outcome outcome) {
  return outcome == Outcome::passed || outcome == Outcome::flaky;
}
bool is_fail(Outcome outcome) {
  return outcome == Outcome::failed || outcome == Outcome::error;
}

// An open-addressing set of test indices keyed by (classname, name): no
// allocation per test, which matters at 200,000 tests.
class FirstSeenTable {
public:
  explicit FirstSeenTable(const TestRun& run) : m_run(run) {
    size_t capacity = 16;
    while (capacity < run.tests.size() * 2) {
      capacity *= 2;
    }
    m_slots.assign(capacity, k_empty);
  }

  // The index of the first test with the same key as test `index`, after
  // recording `index` if it is the first.
  std::uint32_t first_of(std::uint32_t index) {
    const TestCase& test = m_run.tests[index].test;
    const std::string_view name = m_run.name(test);
    const size_t mask = m_slots.size() - 1;
    size_t slot =
        (std::hash<std::string_view>()(name) ^ (test.classname * 0x9E3779B97F4A7C15ull)) & mask;
    while (m_slots[slot] != k_empty) {
      const TestCase& other = m_run.tests[m_slots[slot]].test;
      if (other.classname == test.classname && m_run.name(other) == name) {
        return m_slots[slot];
      }
      slot = (slot + 1) & mask;
    }
    m_slots[slot] = index;
    return index;
  }

private:
  static constexpr std::uint32_t k_empty = UINT32_MAX;
  const TestRun& m_run;
  std::vector<std::uint32_t> m_slots;
};

// Folds `later` into `kept` when both are reports of the same test.
void combine(TestResult& kept, const TestResult& later, bool same_file, bool merge_retries,
             TestRun& run) {
  TestCase& test = kept.test;
  const TestCase& other = later.test;
  ++kept.occurrences;
  if (test.file == 0) {
    test.file = other.file;
    test.line = other.line;
  }
  if (same_file || !merge_retries) {
    // pytest writes a second <testcase> when a test also errors in teardown:
    // one test, its worst outcome, its time the sum of both entries.
    test.time_seconds += other.time_seconds;
    if (other.outcome > test.outcome) {
      test.outcome = other.outcome;
      test.detail = other.detail;
    }
    test.failed_attempts = static_cast<std::uint16_t>(test.failed_attempts + other.failed_attempts);
    if (same_file) {
      ++run.duplicates_in_file;
    } else {
      ++run.duplicates_across_files;
    }
    return;
  }
  // A retry: the later attempt decides, earlier failures make a pass flaky.
  ++run.duplicates_across_files;
  const bool failed_before = is_fail(test.outcome) || test.outcome == Outcome::flaky;
  const std::uint16_t earlier_failures =
      static_cast<std::uint16_t>(test.failed_attempts + (is_fail(test.outcome) ? 1 : 0));
  if (is_pass(other.outcome)) {
    if (failed_before) {
      if (test.outcome != Outcome::flaky) {
        ++run.retried_to_flaky;
      }
      test.outcome = Outcome::flaky;
      test.failed_attempts = static_cast<std::uint16_t>(earlier_failures + other.failed_attempts);
    } else {
      test.outcome = other.outcome;
      test.detail = other.detail;
    }
  } else if (is_fail(other.outcome)) {
    test.outcome = other.outcome;
    test.detail = other.detail;
    test.failed_attempts = earlier_failures;
  }
  test.time_seconds = other.time_seconds;
}

} // namespace

std::string TestRun::test_id(const TestCase& test) const {
  const std::string& classname = strings[test.classname];
  const std::string_view test_name = name(test);
  return classname.empty() ? std::string(test_name) : classname + "::" + std::string(test_name);
}

RunBuilder::RunBuilder(MergeOptions options) : m_options(options) {
  m_run.strings.emplace_back();
  m_string_ids.emplace(std::string(), 0);
}

StringId RunBuilder::intern(const std::string& text) {
  const auto [found, inserted] =
      m_string_ids.emplace(text, static_cast<StringId>(m_run.strings.size()));
  if (inserted) {
    m_run.strings.push_back(text);
  }
  return found->second;
}

void RunBuilder::add(Report report) {
  std::vector<StringId> remap(report.strings.size());
  for (size_t i = 0; i < report.strings.size(); ++i) {
    remap[i] = intern(report.strings[i]);
  }
  FileSummary summary;
  summary.path = report.source;
  summary.dialect = report.dialect;
  summary.time_seconds = report.time_seconds;
  summary.warnings = std::move(report.warnings);
  const auto file_index = static_cast<std::uint32_t>(m_run.files.size());
  const auto detail_base = static_cast<std::uint32_t>(m_run.details.size());
  const auto name_base = static_cast<std::uint32_t>(m_run.names.size());
  m_run.names += report.names;
  for (CaseDetail& detail : report.details) {
    if (!detail.text.empty()) {
      if (m_traces_kept < k_max_kept_traces) {
        ++m_traces_kept;
      } else {
        std::string().swap(detail.text); // assigning "" would keep the buffer
        ++m_run.traces_dropped;
      }
    }
    m_run.details.push_back(std::move(detail));
  }
  for (TestCase& test : report.cases) {
    summary.counts.add(test.outcome);
    test.name.offset += name_base;
    test.classname = remap[test.classname];
    test.suite = remap[test.suite];
    test.file = remap[test.file];
    if (test.detail != k_no_detail) {
      test.detail += detail_base;
    }
    m_run.tests.push_back(TestResult{std::move(test), file_index, 1});
  }
  m_run.files.push_back(std::move(summary));
}

TestRun RunBuilder::finish() {
  std::vector<TestResult>& tests = m_run.tests;
  std::vector<char> folded(tests.size(), 0);
  {
    FirstSeenTable first_seen(m_run);
    for (std::uint32_t i = 0; i < tests.size(); ++i) {
      const std::uint32_t first = first_seen.first_of(i);
      if (first != i) {
        TestResult& kept = tests[first];
        combine(kept, tests[i], kept.file_index == tests[i].file_index, m_options.merge_retries,
                m_run);
        folded[i] = 1;
      }
    }
  }
  if (m_run.duplicates_in_file + m_run.duplicates_across_files > 0) {
    size_t out = 0;
    for (size_t i = 0; i < tests.size(); ++i) {
      if (!folded[i]) {
        if (out != i) {
          tests[out] = std::move(tests[i]);
        }
        ++out;
      }
    }
    tests.resize(out);
  }
  return std::move(m_run);
}

} // namespace gatekit::junit
