#include <gatekit/common/text.hpp>
#include <gatekit/coverage/render.hpp>
#include <gatekit/github/escape.hpp>
#include <gatekit/github/markdown.hpp>

#include <algorithm>
#include <map>

namespace gatekit::coverage {
namespace {

using github::escape_markdown;
using github::MarkdownCell;

MarkdownCell cell(const std::string& text) {
  return MarkdownCell{truncate_utf8(text, 300, "…"), false};
}
MarkdownCell trusted(const std::string& text) {
  return MarkdownCell{text, true};
}

std::string package_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

// Sort key: the metric's rate, lowest first; files with nothing to measure last.
bool worse(const Counts& a, const Counts& b, Metric metric) {
  const auto [ca, va] = metric_ratio(a, metric);
  const auto [cb, vb] = metric_ratio(b, metric);
  if (va == 0 || vb == 0) {
    return vb == 0 && va != 0;
  }
  __extension__ typedef unsigned __int128 Wide;
  return static_cast<Wide>(ca) * vb < static_cast<Wide>(cb) * va;
}

std::vector<MarkdownCell> count_cells(const Counts& counts) {
  return {trusted(percent_text(counts.lines_covered, counts.lines_valid)),
          trusted(std::to_string(counts.lines_covered) + "/" + std::to_string(counts.lines_valid)),
          trusted(percent_text(counts.branches_covered, counts.branches_valid)),
          trusted(std::to_string(counts.branches_covered) + "/" +
                  std::to_string(counts.branches_valid))};
}

std::string packages_section(const MergedCoverage& coverage, const CoverageRenderOptions& options) {
  std::map<std::string, Counts> packages;
  for (const FileCoverage& file : coverage.files) {
    packages[package_of(file.path)].add(count_file(file));
  }
  std::vector<std::pair<std::string, Counts>> sorted(packages.begin(), packages.end());
  std::stable_sort(sorted.begin(), sorted.end(), [&options](const auto& a, const auto& b) {
    return worse(a.second, b.second, options.metric);
  });
  std::vector<std::vector<MarkdownCell>> rows;
  for (std::size_t i = 0; i < std::min(sorted.size(), options.max_rows); ++i) {
    std::vector<MarkdownCell> row = {cell(sorted[i].first)};
    for (MarkdownCell& value : count_cells(sorted[i].second)) {
      row.push_back(std::move(value));
    }
    rows.push_back(std::move(row));
  }
  std::string text = "### Packages, worst first (" + std::to_string(sorted.size()) + ")\n\n" +
                     github::markdown_table({"Package", "Lines", "Covered", "Branches", "Covered"},
                                            rows, {false, true, true, true, true});
  if (sorted.size() > options.max_rows) {
    text += "\n_… and " + std::to_string(sorted.size() - options.max_rows) + " more._\n";
  }
  return text + "\n";
}

std::string files_section(const MergedCoverage& coverage, const CoverageGateResult& result,
                          const CoverageRenderOptions& options) {
  std::vector<const FileCoverage*> files;
  for (const FileCoverage& file : coverage.files) {
    files.push_back(&file);
  }
  std::stable_sort(files.begin(), files.end(),
                   [&options](const FileCoverage* a, const FileCoverage* b) {
                     return worse(count_file(*a), count_file(*b), options.metric);
                   });
  std::vector<std::vector<MarkdownCell>> rows;
  for (std::size_t i = 0; i < std::min(files.size(), options.max_rows); ++i) {
    const bool failing = std::find(result.failing_files.begin(), result.failing_files.end(),
                                   files[i]->path) != result.failing_files.end();
    std::vector<MarkdownCell> row = {cell(files[i]->path)};
    for (MarkdownCell& value : count_cells(count_file(*files[i]))) {
      row.push_back(std::move(value));
    }
    row.push_back(trusted(failing ? "❌ below minimum" : ""));
    rows.push_back(std::move(row));
  }
  return "<details><summary>Worst files</summary>\n\n" +
         github::markdown_table({"File", "Lines", "Covered", "Branches", "Covered", ""}, rows,
                                {false, true, true, true, true, false}) +
         "\n</details>\n\n";
}

std::string diff_section(const CoverageGateResult& result, const CoverageRenderOptions& options) {
  if (!result.diff) {
    return {};
  }
  const DiffCoverage& diff = *result.diff;
  std::string text = "### Diff coverage: " + percent_text(diff.lines_covered, diff.lines_valid) +
                     "\n\n" + std::to_string(diff.lines_covered) + " of " +
                     std::to_string(diff.lines_valid) +
                     " changed lines measured by the reports are covered.\n\n";
  std::vector<std::vector<MarkdownCell>> rows;
  for (const FileDiffCoverage& file : diff.files) {
    if (rows.size() >= options.max_rows) {
      break;
    }
    std::string ranges;
    for (const LineRange& range : file.uncovered_ranges) {
      ranges += (ranges.empty() ? "" : ", ") + range_text(range);
    }
    rows.push_back(
        {cell(file.path), trusted(percent_text(file.lines_covered, file.lines_valid)),
         trusted(std::to_string(file.lines_covered) + "/" + std::to_string(file.lines_valid)),
         trusted(file.in_report ? ranges : "not in the coverage reports")});
  }
  if (!rows.empty()) {
    text += github::markdown_table({"Changed file", "Diff coverage", "Lines", "Not covered"}, rows,
                                   {false, true, true, false});
  }
  return text + "\n";
}

std::string reports_section(const MergedCoverage& coverage) {
  std::vector<std::vector<MarkdownCell>> rows;
  std::vector<std::string> notes;
  for (const ReportSummary& report : coverage.reports) {
    rows.push_back({cell(report.path), trusted(format_name(report.format)), cell(report.producer),
                    trusted(std::to_string(report.files)),
                    trusted(std::to_string(report.files_excluded)),
                    trusted(percent_text(report.counts.lines_covered, report.counts.lines_valid))});
    for (const std::string& warning : report.warnings) {
      notes.push_back(report.path + ": " + warning);
    }
  }
  std::string text =
      "<details><summary>Reports (" + std::to_string(coverage.reports.size()) + ")</summary>\n\n" +
      github::markdown_table({"Report", "Format", "Producer", "Files", "Excluded", "Lines"}, rows,
                             {false, false, false, true, true, true}) +
      "\n</details>\n\n";
  if (!notes.empty()) {
    text += "### Notes\n\n";
    for (const std::string& note : notes) {
      text += "- " + escape_markdown(note) + "\n";
    }
    text += "\n";
  }
  return text;
}

} // namespace

std::string render_coverage_markdown(const MergedCoverage& coverage,
                                     const CoverageGateResult& result,
                                     const CoverageRenderOptions& options) {
  const Counts& t = result.totals;
  std::string text =
      result.passed ? "## ✅ coverage-gate: passed\n\n" : "## ❌ coverage-gate: failed\n\n";
  text += github::markdown_table(
      {"Metric", "Covered", "Valid", "Rate"},
      {{trusted("Lines"), trusted(std::to_string(t.lines_covered)),
        trusted(std::to_string(t.lines_valid)),
        trusted(percent_text(t.lines_covered, t.lines_valid))},
       {trusted("Branches"), trusted(std::to_string(t.branches_covered)),
        trusted(std::to_string(t.branches_valid)),
        trusted(percent_text(t.branches_covered, t.branches_valid))},
       {trusted("Combined"), trusted(std::to_string(t.lines_covered + t.branches_covered)),
        trusted(std::to_string(t.lines_valid + t.branches_valid)),
        trusted(
            percent_text(t.lines_covered + t.branches_covered, t.lines_valid + t.branches_valid))}},
      {false, true, true, true});
  text += "\n";
  for (const CoverageCheck& check : result.checks) {
    text += std::string(check.passed ? "- ✅ " : "- ❌ ") + "**" + escape_markdown(check.name) +
            "**: " + escape_markdown(check.detail) + "\n";
  }
  text += "\n";
  text += diff_section(result, options);
  text += packages_section(coverage, options);
  text += files_section(coverage, result, options);
  text += reports_section(coverage);
  return text;
}

} // namespace gatekit::coverage
