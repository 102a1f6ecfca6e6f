#include <gatekit/common/percent.hpp>
#include <gatekit/common/text.hpp>
#include <gatekit/coverage/render.hpp>

#include <algorithm>

namespace gatekit::coverage {
namespace {

std::string inert(const std::string& text) {
  return truncate_utf8(single_line(text), 240, "…");
}

} // namespace

std::string range_text(const LineRange& range) {
  return range.first == range.second
             ? std::to_string(range.first)
             : std::to_string(range.first) + "-" + std::to_string(range.second);
}

std::string render_coverage_text(const MergedCoverage& coverage, const CoverageGateResult& result,
                                 const CoverageRenderOptions& options) {
  const Counts& t = result.totals;
  std::string text = std::string("coverage-gate: ") + (result.passed ? "PASSED" : "FAILED") + "\n";
  text +=
      "  lines " + percent_text(t.lines_covered, t.lines_valid) + " (" +
      std::to_string(t.lines_covered) + "/" + std::to_string(t.lines_valid) + ")  branches " +
      percent_text(t.branches_covered, t.branches_valid) + " (" +
      std::to_string(t.branches_covered) + "/" + std::to_string(t.branches_valid) + ")  combined " +
      percent_text(t.lines_covered + t.branches_covered, t.lines_valid + t.branches_valid) + "\n";
  text += "  " + std::to_string(coverage.files.size()) + " file(s) from " +
          std::to_string(coverage.reports.size()) + " report(s)\n";
  for (const CoverageCheck& check : result.checks) {
    text += std::string(check.passed ? "  ok    " : "  FAIL  ") + check.name + ": " + check.detail +
            "\n";
  }
  if (result.diff) {
    const DiffCoverage& diff = *result.diff;
    text += "\nDiff coverage: " + percent_text(diff.lines_covered, diff.lines_valid) + " (" +
            std::to_string(diff.lines_covered) + " of " + std::to_string(diff.lines_valid) +
            " changed lines measured)\n";
    std::size_t listed = 0;
    for (const FileDiffCoverage& file : diff.files) {
      if (file.uncovered_ranges.empty() || listed >= options.max_rows) {
        continue;
      }
      std::string ranges;
      for (const LineRange& range : file.uncovered_ranges) {
        ranges += (ranges.empty() ? "" : ", ") + range_text(range);
      }
      text += "  " + inert(file.path) + ": not covered " + ranges + "\n";
      ++listed;
    }
  }
  if (!result.failing_files.empty()) {
    text += "\nFiles below the per-file minimum (" + std::to_string(result.failing_files.size()) +
            "):\n";
    for (std::size_t i = 0; i < std::min(result.failing_files.size(), options.max_rows); ++i) {
      const FileCoverage* file = coverage.find(result.failing_files[i]);
      const auto [covered, valid] = metric_ratio(count_file(*file), options.metric);
      text += "  " + inert(file->path) + "  " + percent_text(covered, valid) + "\n";
    }
  }
  std::vector<std::string> notes;
  for (const ReportSummary& report : coverage.reports) {
    for (const std::string& warning : report.warnings) {
      notes.push_back(inert(report.path) + ": " + inert(warning));
    }
    if (report.files == 0) {
      notes.push_back(inert(report.path) + ": no file kept (" +
                      std::to_string(report.files_excluded) + " excluded by the filters)");
    }
  }
  if (!notes.empty()) {
    text += "\nNotes:\n";
    for (const std::string& note : notes) {
      text += "  " + note + "\n";
    }
  }
  return text;
}

} // namespace gatekit::coverage
