#include <gatekit/common/percent.hpp>
#include <gatekit/coverage/render.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace gatekit::coverage {
namespace {

using nlohmann::ordered_json;

// A rate in percent, rounded down to two decimals; null when nothing counts.
ordered_json rate(std::uint64_t covered, std::uint64_t valid) {
  return valid == 0 ? ordered_json(nullptr) : ordered_json(ratio_percent_floor(covered, valid));
}

std::string rate_text(std::uint64_t covered, std::uint64_t valid) {
  return valid == 0 ? std::string() : format_ratio_percent(covered, valid);
}

ordered_json counts_json(const Counts& counts) {
  return {{"lines_covered", counts.lines_covered},
          {"lines_valid", counts.lines_valid},
          {"line_rate", rate(counts.lines_covered, counts.lines_valid)},
          {"branches_covered", counts.branches_covered},
          {"branches_valid", counts.branches_valid},
          {"branch_rate", rate(counts.branches_covered, counts.branches_valid)},
          {"combined_rate", rate(counts.lines_covered + counts.branches_covered,
                                 counts.lines_valid + counts.branches_valid)}};
}

} // namespace

std::string render_coverage_json(const MergedCoverage& coverage, const CoverageGateResult& result) {
  ordered_json json;
  json["tool"] = "coverage-gate";
  json["totals"] = counts_json(result.totals);
  if (result.diff) {
    const DiffCoverage& diff = *result.diff;
    ordered_json uncovered = ordered_json::array();
    for (const FileDiffCoverage& file : diff.files) {
      if (file.uncovered.empty()) {
        continue;
      }
      ordered_json ranges = ordered_json::array();
      for (const LineRange& range : file.uncovered_ranges) {
        ranges.push_back({range.first, range.second});
      }
      uncovered.push_back({{"file", file.path}, {"lines", file.uncovered}, {"ranges", ranges}});
    }
    json["diff"] = {{"lines_covered", diff.lines_covered},
                    {"lines_valid", diff.lines_valid},
                    {"rate", rate(diff.lines_covered, diff.lines_valid)},
                    {"uncovered", uncovered}};
  } else {
    json["diff"] = nullptr;
  }
  ordered_json checks = ordered_json::array();
  for (const CoverageCheck& check : result.checks) {
    checks.push_back({{"name", check.name}, {"passed", check.passed}, {"detail", check.detail}});
  }
  json["gate"] = {{"passed", result.passed}, {"reasons", result.reasons()}, {"checks", checks}};
  ordered_json files = ordered_json::array();
  for (const FileCoverage& file : coverage.files) {
    ordered_json entry = counts_json(count_file(file));
    entry["path"] = file.path;
    files.push_back(std::move(entry));
  }
  json["files"] = files;
  ordered_json reports = ordered_json::array();
  for (const ReportSummary& report : coverage.reports) {
    reports.push_back({{"path", report.path},
                       {"format", format_name(report.format)},
                       {"producer", report.producer},
                       {"files", report.files},
                       {"files_excluded", report.files_excluded},
                       {"totals", counts_json(report.counts)},
                       {"warnings", report.warnings}});
  }
  json["reports"] = reports;
  return json.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

github::Outputs coverage_outputs(const CoverageGateResult& result) {
  const Counts& t = result.totals;
  return {{"line_rate", rate_text(t.lines_covered, t.lines_valid)},
          {"branch_rate", rate_text(t.branches_covered, t.branches_valid)},
          {"lines_covered", std::to_string(t.lines_covered)},
          {"lines_valid", std::to_string(t.lines_valid)},
          {"branches_covered", std::to_string(t.branches_covered)},
          {"branches_valid", std::to_string(t.branches_valid)},
          {"diff_rate",
           result.diff ? rate_text(result.diff->lines_covered, result.diff->lines_valid) : ""},
          {"gate", result.passed ? "pass" : "fail"}};
}

std::vector<github::Annotation> uncovered_change_annotations(const CoverageGateResult& result,
                                                             const CoverageRenderOptions& options) {
  std::vector<github::Annotation> annotations;
  if (!result.diff) {
    return annotations;
  }
  std::size_t total = 0;
  for (const FileDiffCoverage& file : result.diff->files) {
    for (const LineRange& range : file.uncovered_ranges) {
      ++total;
      if (annotations.size() >= options.max_annotations) {
        continue;
      }
      github::Annotation annotation;
      annotation.level = github::AnnotationLevel::warning;
      annotation.file = file.path;
      annotation.line = static_cast<int>(std::min<std::uint32_t>(range.first, INT32_MAX));
      annotation.end_line = static_cast<int>(std::min<std::uint32_t>(range.second, INT32_MAX));
      annotation.title = "Changed lines not covered";
      annotation.message =
          range.first == range.second
              ? "Line " + std::to_string(range.first) + " is changed but no test covers it."
              : "Lines " + range_text(range) + " are changed but no test covers them.";
      annotations.push_back(std::move(annotation));
    }
  }
  if (total > annotations.size()) {
    github::Annotation notice;
    notice.level = github::AnnotationLevel::notice;
    notice.title = "coverage-gate";
    notice.message = std::to_string(total - annotations.size()) +
                     " more uncovered changed ranges were not annotated (max-annotations is " +
                     std::to_string(options.max_annotations) + "); see the step summary";
    annotations.push_back(std::move(notice));
  }
  return annotations;
}

} // namespace gatekit::coverage
