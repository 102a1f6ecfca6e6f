#include "render_common.hpp"

#include <gatekit/common/text.hpp>
#include <gatekit/github/escape.hpp>
#include <gatekit/github/markdown.hpp>
#include <gatekit/junit/render.hpp>

namespace gatekit::junit {
namespace {

using github::escape_markdown;
using github::MarkdownCell;

constexpr std::size_t k_cell_bytes = 300;
constexpr std::size_t k_failure_details = 10;

MarkdownCell cell(const std::string& text) {
  return MarkdownCell{truncate_utf8(text, k_cell_bytes, "…"), false};
}
MarkdownCell number(std::uint64_t value) {
  return MarkdownCell{std::to_string(value), true};
}

std::string totals_table(const TestRun& run, const GateResult& result) {
  const Totals& t = result.totals;
  double time = 0;
  for (const FileSummary& file : run.files) {
    time += file.time_seconds;
  }
  return github::markdown_table(
      {"Tests", "Passed", "Failed", "Errors", "Skipped", "Flaky", "Pass rate", "Time"},
      {{number(t.tests), number(t.passed), number(t.failures), number(t.errors), number(t.skipped),
        number(t.flaky),
        MarkdownCell{result.pass_rate_text() + (result.rate_defined() ? "%" : ""), true},
        MarkdownCell{format_duration(time), true}}},
      {true, true, true, true, true, true, true, true});
}

std::string failures_section(const TestRun& run, const GateResult& result,
                             const RenderOptions& options) {
  if (result.failures.empty()) {
    return {};
  }
  std::string text = "### Failures (" + std::to_string(result.failures.size()) + ")\n\n";
  std::vector<std::vector<MarkdownCell>> rows;
  const std::size_t listed = std::min(result.failures.size(), options.max_failures_listed);
  const std::size_t critical = result.critical_failures.size();
  for (std::size_t i = 0; i < listed; ++i) {
    const TestCase& test = run.tests[result.failures[i]].test;
    const std::string kind =
        std::string(outcome_name(test.outcome)) + (i < critical ? " (critical)" : "");
    rows.push_back({cell(run.test_id(test)),
                    cell(detail::location_of(run, test, options.workspaces)),
                    MarkdownCell{kind, true}, cell(first_line(detail::message_of(run, test)))});
  }
  text += github::markdown_table({"Test", "Location", "Outcome", "Message"}, rows);
  if (listed < result.failures.size()) {
    text += "\n_… and " + std::to_string(result.failures.size() - listed) +
            " more (see the JSON report)._\n";
  }
  // The first few stack traces, folded away.
  const std::size_t with_details = std::min(listed, k_failure_details);
  for (std::size_t i = 0; i < with_details; ++i) {
    const TestCase& test = run.tests[result.failures[i]].test;
    const CaseDetail* detail = run.detail(test);
    if (detail == nullptr || detail->text.empty()) {
      continue;
    }
    text += "\n<details><summary>" +
            github::escape_html(truncate_utf8(run.test_id(test), k_cell_bytes, "…")) +
            "</summary>\n\n" +
            github::markdown_code_block(truncate_utf8(detail->text, 4096, "\n…")) +
            "\n</details>\n";
  }
  return text + "\n";
}

std::string test_list_section(const TestRun& run, const std::vector<std::uint32_t>& indices,
                              const std::string& heading, const RenderOptions& options) {
  if (indices.empty()) {
    return {};
  }
  std::vector<std::vector<MarkdownCell>> rows;
  const std::size_t listed = std::min(indices.size(), options.max_failures_listed);
  for (std::size_t i = 0; i < listed; ++i) {
    const TestCase& test = run.tests[indices[i]].test;
    rows.push_back({cell(run.test_id(test)),
                    cell(detail::location_of(run, test, options.workspaces)),
                    MarkdownCell{outcome_name(test.outcome), true}, number(test.failed_attempts)});
  }
  std::string text = "### " + heading + " (" + std::to_string(indices.size()) + ")\n\n" +
                     github::markdown_table({"Test", "Location", "Outcome", "Failed attempts"},
                                            rows, {false, false, false, true});
  if (listed < indices.size()) {
    text += "\n_… and " + std::to_string(indices.size() - listed) + " more._\n";
  }
  return text + "\n";
}

std::string slowest_section(const TestRun& run, const RenderOptions& options) {
  const std::vector<std::uint32_t> slowest = detail::slowest_tests(run, options.max_slowest);
  if (slowest.empty()) {
    return {};
  }
  std::vector<std::vector<MarkdownCell>> rows;
  for (const std::uint32_t index : slowest) {
    const TestCase& test = run.tests[index].test;
    rows.push_back({cell(run.test_id(test)), MarkdownCell{format_duration(test.time_seconds), true},
                    MarkdownCell{outcome_name(test.outcome), true}});
  }
  return "<details><summary>Slowest tests</summary>\n\n" +
         github::markdown_table({"Test", "Time", "Outcome"}, rows, {false, true, false}) +
         "\n</details>\n\n";
}

std::string files_section(const TestRun& run, const RenderOptions& options) {
  std::vector<std::vector<MarkdownCell>> rows;
  for (const FileSummary& file : run.files) {
    std::string note = file.empty() ? "empty: no test cases" : "";
    if (!file.warnings.empty()) {
      note += (note.empty() ? "" : "; ") + std::to_string(file.warnings.size()) + " warning(s)";
    }
    rows.push_back({cell(repository_path(file.path, options.workspaces)), cell(file.dialect),
                    number(file.counts.tests), number(file.counts.passed),
                    number(file.counts.failures), number(file.counts.errors),
                    number(file.counts.skipped), number(file.counts.flaky), cell(note)});
  }
  return "<details><summary>Report files (" + std::to_string(run.files.size()) + ")</summary>\n\n" +
         github::markdown_table({"File", "Producer", "Cases", "Passed", "Failed", "Errors",
                                 "Skipped", "Flaky", "Note"},
                                rows, {false, false, true, true, true, true, true, true, false}) +
         "\n</details>\n\n";
}

std::string notes_section(const TestRun& run, const GateResult& result,
                          const RenderOptions& options) {
  std::vector<std::string> notes;
  if (run.duplicates_in_file > 0) {
    notes.push_back(std::to_string(run.duplicates_in_file) +
                    " duplicate <testcase> entries within a file were folded into one test each, "
                    "keeping the worst outcome (pytest writes a second entry when a test also "
                    "errors in teardown)");
  }
  if (run.duplicates_across_files > 0) {
    notes.push_back(std::to_string(run.duplicates_across_files) +
                    " tests appeared in more than one file and were counted once" +
                    (run.retried_to_flaky > 0 ? "; " + std::to_string(run.retried_to_flaky) +
                                                    " passed on a retry and count as flaky"
                                              : std::string(" (worst outcome kept)")));
  }
  if (run.traces_dropped > 0) {
    notes.push_back("stack traces are kept for the first " + std::to_string(k_max_kept_traces) +
                    " failures; " + std::to_string(run.traces_dropped) +
                    " more show their message only");
  }
  for (const FileSummary& file : run.files) {
    for (const std::string& warning : file.warnings) {
      notes.push_back(repository_path(file.path, options.workspaces) + ": " + warning);
    }
  }
  for (const std::string& warning : result.warnings) {
    notes.push_back(warning);
  }
  if (notes.empty()) {
    return {};
  }
  std::string text = "### Notes\n\n";
  for (const std::string& note : notes) {
    text += "- " + escape_markdown(note) + "\n";
  }
  return text + "\n";
}

} // namespace

std::string render_summary_markdown(const TestRun& run, const GateResult& result,
                                    const RenderOptions& options) {
  std::string text = result.passed ? "## ✅ junit-gate: passed\n\n" : "## ❌ junit-gate: failed\n\n";
  text += totals_table(run, result) + "\n";
  for (const GateCheck& check : result.checks) {
    text += std::string(check.passed ? "- ✅ " : "- ❌ ") + "**" + escape_markdown(check.name) +
            "**: " + escape_markdown(check.detail) + "\n";
  }
  text += "\n";
  text += failures_section(run, result, options);
  text += test_list_section(run, result.flaky, "Flaky tests (failed, then passed)", options);
  text += test_list_section(run, result.quarantined, "Quarantined tests (not counted)", options);
  text += notes_section(run, result, options);
  text += slowest_section(run, options);
  text += files_section(run, options);
  return text;
}

} // namespace gatekit::junit
