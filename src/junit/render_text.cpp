#include "render_common.hpp"

#include <gatekit/common/text.hpp>
#include <gatekit/junit/render.hpp>

namespace gatekit::junit {
namespace {

constexpr std::size_t k_line_bytes = 240;

// Report text as one inert, bounded terminal line.
std::string inert(const std::string& text) {
  return truncate_utf8(single_line(text), k_line_bytes, "…");
}

std::string test_line(const TestRun& run, const TestCase& test, const RenderOptions& options) {
  const std::string location = detail::location_of(run, test, options.workspaces);
  return "  " + inert(run.test_id(test)) + (location.empty() ? "" : "  (" + inert(location) + ")");
}

} // namespace

std::string render_summary_text(const TestRun& run, const GateResult& result,
                                const RenderOptions& options) {
  const Totals& t = result.totals;
  std::string text = std::string("junit-gate: ") + (result.passed ? "PASSED" : "FAILED") + "\n";
  text += "  tests " + std::to_string(t.tests) + "  passed " + std::to_string(t.passed) +
          "  failed " + std::to_string(t.failures) + "  errors " + std::to_string(t.errors) +
          "  skipped " + std::to_string(t.skipped) + "  flaky " + std::to_string(t.flaky) +
          "  pass rate " + result.pass_rate_text() + (result.rate_defined() ? "%" : "") + "\n";
  std::size_t empty_files = 0;
  for (const FileSummary& file : run.files) {
    empty_files += file.empty() ? 1u : 0u;
  }
  text +=
      "  from " + std::to_string(run.files.size()) + " report file(s)" +
      (empty_files > 0 ? ", " + std::to_string(empty_files) + " of them empty" : std::string()) +
      "\n";
  for (const GateCheck& check : result.checks) {
    text += std::string(check.passed ? "  ok    " : "  FAIL  ") + check.name + ": " + check.detail +
            "\n";
  }

  if (!result.failures.empty()) {
    text += "\nFailures (" + std::to_string(result.failures.size()) + "):\n";
    const std::size_t listed = std::min(result.failures.size(), options.max_failures_listed);
    for (std::size_t i = 0; i < listed; ++i) {
      const TestCase& test = run.tests[result.failures[i]].test;
      const bool critical = i < result.critical_failures.size();
      text += test_line(run, test, options) + (critical ? "  [critical]" : "") + "\n";
      text += "      " + std::string(outcome_name(test.outcome)) + ": " +
              inert(first_line(detail::message_of(run, test))) + "\n";
    }
    if (listed < result.failures.size()) {
      text += "  … and " + std::to_string(result.failures.size() - listed) + " more\n";
    }
  }
  if (!result.flaky.empty()) {
    text += "\nFlaky (" + std::to_string(result.flaky.size()) + ", counted as passed):\n";
    for (std::size_t i = 0; i < std::min(result.flaky.size(), options.max_failures_listed); ++i) {
      text += test_line(run, run.tests[result.flaky[i]].test, options) + "\n";
    }
  }
  if (!result.quarantined.empty()) {
    text += "\nQuarantined (" + std::to_string(result.quarantined.size()) + ", not counted):\n";
    for (std::size_t i = 0; i < std::min(result.quarantined.size(), options.max_failures_listed);
         ++i) {
      const TestCase& test = run.tests[result.quarantined[i]].test;
      text += test_line(run, test, options) + "  " + outcome_name(test.outcome) + "\n";
    }
  }
  std::vector<std::string> notes;
  for (const FileSummary& file : run.files) {
    if (file.empty()) {
      notes.push_back(inert(file.path) + ": no test cases (a shard that selected nothing?)");
    }
    for (const std::string& warning : file.warnings) {
      notes.push_back(inert(file.path) + ": " + inert(warning));
    }
  }
  if (run.duplicates_in_file + run.duplicates_across_files > 0) {
    notes.push_back(std::to_string(run.duplicates_in_file + run.duplicates_across_files) +
                    " duplicate test entries folded (" + std::to_string(run.retried_to_flaky) +
                    " retried to flaky)");
  }
  if (run.traces_dropped > 0) {
    notes.push_back("stack traces kept for the first " + std::to_string(k_max_kept_traces) +
                    " failures; " + std::to_string(run.traces_dropped) +
                    " more show their message only");
  }
  for (const std::string& warning : result.warnings) {
    notes.push_back(inert(warning));
  }
  if (!notes.empty()) {
    text += "\nNotes:\n";
    for (const std::string& note : notes) {
      text += "  " + note + "\n";
    }
  }
  return text;
}

} // namespace gatekit::junit
