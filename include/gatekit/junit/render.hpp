#pragma once

#include <gatekit/github/annotations.hpp>
#include <gatekit/github/outputs.hpp>
#include <gatekit/junit/gate.hpp>
#include <gatekit/junit/merge.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace gatekit::junit {

// Limits that keep summaries readable and within GitHub's size limits.
struct RenderOptions {
  std::size_t max_failures_listed = 50; // rows of the failures table
  std::size_t max_slowest = 10;         // rows of the slowest-tests table
  std::size_t max_annotations = 10;     // GitHub shows 10 error annotations per step
  std::vector<std::string> workspaces;  // prefixes stripped from absolute test file paths
  std::string min_pass_rate_text;       // shown beside the verdict
};

// The Markdown step summary: verdict and reasons, totals, failures with
// file:line and message, flaky, quarantined and slowest tests, input files.
// All report text is escaped.
std::string render_summary_markdown(const TestRun& run, const GateResult& result,
                                    const RenderOptions& options);

// The same summary as plain text for a terminal (one line per item, control
// characters in report text replaced).
std::string render_summary_text(const TestRun& run, const GateResult& result,
                                const RenderOptions& options);

// The --report-json document (see docs/junit-gate.md for its fields).
std::string render_report_json(const TestRun& run, const GateResult& result,
                               const RenderOptions& options);

// The step outputs: tests, passed, failed, errors, skipped, flaky, pass_rate, gate.
github::Outputs gate_outputs(const GateResult& result);

// Error annotations for failed tests (critical first), at most
// options.max_annotations, plus a notice saying how many were left out.
std::vector<github::Annotation> failure_annotations(const TestRun& run, const GateResult& result,
                                                    const RenderOptions& options);

// A test file path as the repository sees it: the first matching workspace
// prefix removed (at a path boundary), or "./" dropped.
std::string repository_path(const std::string& file, const std::vector<std::string>& workspaces);

// "0.42 s", "12.3 s", "3 min 05 s".
std::string format_duration(double seconds);

} // namespace gatekit::junit
