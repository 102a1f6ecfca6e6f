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

// An open-addressing set of test indices keyed by (suite, classname, name):
// no allocation per test, which matters at 200,000 tests.
class FirstSeenTable {
public:
  FirstSeenTable(const TestRun& run, std::size_t count) : m_run(run) {
    std::size_t capacity = 16;
    while (capacity < count * 2) {
      capacity *= 2;
    }
    m_slots.assign(capacity, k_empty);
  }

  // The index of the first test with the same key as test `index`, after
  // recording `index` if it is the first.
  std::uint32_t first_of(std::uint32_t index) {
    const TestCase& test = m_run.tests[index].test;
    const std::string_view name = m_run.name(test);
    const std::size_t mask = m_slots.size() - 1;
    std::size_t slot =
        (std::hash<std::string_view>()(name) ^ (test.classname * 0x9E3779B97F4A7C15ull) ^
         (test.suite * 0xC2B2AE3D27D4EB4Full)) &
        mask;
    while (m_slots[slot] != k_empty) {
      const TestCase& other = m_run.tests[m_slots[slot]].test;
      if (other.classname == test.classname && other.suite == test.suite &&
          m_run.name(other) == name) {
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

std::uint16_t saturating_add(std::uint16_t a, std::uint16_t b) {
  const unsigned sum = static_cast<unsigned>(a) + b;
  return static_cast<std::uint16_t>(sum > UINT16_MAX ? UINT16_MAX : sum);
}

// What every fold does: count the entry, and take its location if `kept` has none.
void note_repeat(TestResult& kept, const TestResult& later) {
  kept.occurrences = saturating_add(kept.occurrences, 1);
  if (kept.test.file == 0) {
    kept.test.file = later.test.file;
    kept.test.line = later.test.line;
  }
}

// Folds entry `later` into `kept`, both the same test from the same file: one
// test, its worst outcome, its time the sum of the entries.
void fold_same_file(TestResult& kept, const TestResult& later) {
  note_repeat(kept, later);
  TestCase& test = kept.test;
  const TestCase& other = later.test;
  test.time_seconds += other.time_seconds;
  if (other.outcome > test.outcome) {
    test.outcome = other.outcome;
    test.detail = other.detail;
  }
  test.failed_attempts = saturating_add(test.failed_attempts, other.failed_attempts);
}

// Folds `later`, the same test from a later file, into `kept`.
void fold_across_files(TestResult& kept, const TestResult& later, bool merge_retries) {
  note_repeat(kept, later);
  TestCase& test = kept.test;
  const TestCase& other = later.test;
  if (!merge_retries) {
    if (other.outcome > test.outcome) {
      test.outcome = other.outcome;
      test.detail = other.detail;
      kept.file_index = later.file_index;
    }
    test.failed_attempts = saturating_add(test.failed_attempts, other.failed_attempts);
    return;
  }
  // A retry: the later attempt decides; earlier failures make a pass flaky.
  const bool failed_before = is_fail(test.outcome) || test.outcome == Outcome::flaky;
  const std::uint16_t earlier_failures =
      saturating_add(test.failed_attempts, is_fail(test.outcome) ? 1 : 0);
  if (is_pass(other.outcome)) {
    if (failed_before) {
      test.outcome = Outcome::flaky;
      test.failed_attempts = saturating_add(earlier_failures, other.failed_attempts);
      kept.passed_on_retry = true;
    } else {
      test.outcome = other.outcome;
      test.detail = other.detail;
    }
    kept.file_index = later.file_index;
  } else if (is_fail(other.outcome)) {
    test.outcome = other.outcome;
    test.detail = other.detail;
    test.failed_attempts = earlier_failures;
    kept.passed_on_retry = false;
    kept.file_index = later.file_index;
  }
  test.time_seconds = other.time_seconds;
}

// Removes the entries marked in `folded` from tests[begin, end), keeping order.
void compact(std::vector<TestResult>& tests, std::size_t begin, const std::vector<char>& folded) {
  std::size_t out = begin;
  for (std::size_t i = begin; i < tests.size(); ++i) {
    if (!folded[i - begin]) {
      if (out != i) {
        tests[out] = std::move(tests[i]);
      }
      ++out;
    }
  }
  tests.resize(out);
}

} // namespace

static_assert(sizeof(TestResult) <= 48, "TestResult is held once per test");

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

Status RunBuilder::add(Report report) {
  if (m_run.names.size() + report.names.size() > UINT32_MAX) {
    return make_error(report.source, "the test names of all reports together exceed 4 GiB");
  }
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
  const std::size_t first = m_run.tests.size();
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
    m_run.tests.push_back(TestResult{std::move(test), file_index, 1, false});
  }
  m_run.files.push_back(std::move(summary));

  // Repeated entries within this file: one test, the worst outcome.
  const std::size_t count = m_run.tests.size() - first;
  std::vector<char> folded(count, 0);
  FirstSeenTable first_seen(m_run, count);
  std::uint64_t repeats = 0;
  for (std::size_t i = first; i < m_run.tests.size(); ++i) {
    const std::uint32_t kept = first_seen.first_of(static_cast<std::uint32_t>(i));
    if (kept != i) {
      fold_same_file(m_run.tests[kept], m_run.tests[i]);
      folded[i - first] = 1;
      ++repeats;
    }
  }
  if (repeats > 0) {
    compact(m_run.tests, first, folded);
    m_run.duplicates_in_file += repeats;
  }
  return Done{};
}

TestRun RunBuilder::finish() {
  std::vector<TestResult>& tests = m_run.tests;
  std::vector<char> folded(m_run.files.size() > 1 ? tests.size() : 0, 0);
  if (m_run.files.size() > 1) {
    // Each file holds a test once by now: every repeat comes from a later file.
    FirstSeenTable first_seen(m_run, tests.size());
    for (std::uint32_t i = 0; i < tests.size(); ++i) {
      const std::uint32_t kept = first_seen.first_of(i);
      if (kept != i) {
        fold_across_files(tests[kept], tests[i], m_options.merge_retries);
        folded[i] = 1;
        ++m_run.duplicates_across_files;
      }
    }
  }
  if (m_run.duplicates_across_files > 0) {
    compact(tests, 0, folded);
  }
  for (const TestResult& result : tests) {
    m_run.retried_to_flaky +=
        result.passed_on_retry && result.test.outcome == Outcome::flaky ? 1 : 0;
  }
  return std::move(m_run);
}

} // namespace gatekit::junit
