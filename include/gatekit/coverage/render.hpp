#pragma once

#include <gatekit/coverage/gate.hpp>
#include <gatekit/github/annotations.hpp>
#include <gatekit/github/outputs.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace gatekit::coverage {

// Limits that keep summaries readable and within GitHub's size limits.
struct CoverageRenderOptions {
  Metric metric = Metric::line; // the headline (badge, worst files)
  std::size_t max_rows = 20;    // rows of the package and file tables
  std::size_t max_annotations = 10;
};

// The Markdown step summary: verdict and checks, totals, packages worst first,
// the worst files, diff coverage with the uncovered changed line ranges, and
// the input reports with their warnings. Report text is escaped.
std::string render_coverage_markdown(const MergedCoverage& coverage,
                                     const CoverageGateResult& result,
                                     const CoverageRenderOptions& options);

// The same for a terminal.
std::string render_coverage_text(const MergedCoverage& coverage, const CoverageGateResult& result,
                                 const CoverageRenderOptions& options);

// The --report-json document (see docs/coverage-gate.md).
std::string render_coverage_json(const MergedCoverage& coverage, const CoverageGateResult& result);

// line_rate, branch_rate, lines_covered, lines_valid, branches_covered,
// branches_valid, diff_rate, gate.
github::Outputs coverage_outputs(const CoverageGateResult& result);

// ::warning annotations on uncovered changed line ranges, at most
// options.max_annotations, plus a notice saying how many were left out.
std::vector<github::Annotation> uncovered_change_annotations(const CoverageGateResult& result,
                                                             const CoverageRenderOptions& options);

// A flat "coverage | 85%" badge in the style of shields.io, coloured by value.
std::string render_badge_svg(std::uint64_t covered, std::uint64_t valid, const std::string& label);

// "12-15" or "12".
std::string range_text(const LineRange& range);

} // namespace gatekit::coverage
