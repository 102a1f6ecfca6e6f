#pragma once

#include <gatekit/common/percent.hpp>
#include <gatekit/coverage/diff_coverage.hpp>
#include <gatekit/coverage/merge.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gatekit::coverage {

// Which number is the headline: line, branch, or combined (covered lines +
// covered branches) / (valid lines + valid branches), the figure coverage.py's
// --fail-under and `coverage json` use when branch coverage is on.
enum class Metric { line, branch, combined };

// "line", "branch", "combined".
const char* metric_name(Metric metric);

// covered and valid counts of `metric`.
std::pair<std::uint64_t, std::uint64_t> metric_ratio(const Counts& counts, Metric metric);

// A minimum for the files matching a glob, taken together ("infrastructure/**": 85).
struct CoverageRule {
  std::string pattern;
  Percent minimum;
};

// What the gate requires; every minimum is optional.
struct CoveragePolicy {
  Metric metric = Metric::line; // for --min-file, rules, --max-drop and the badge
  std::optional<Percent> min_line;
  std::optional<Percent> min_branch;
  std::optional<Percent> min_combined;
  std::optional<Percent> min_file; // each file, by `metric`
  std::vector<CoverageRule> rules;
  std::optional<Percent> max_drop; // percentage points below the baseline
  std::optional<Counts> baseline;
  std::optional<Percent> min_diff; // needs a diff
};

// One requirement and whether it was met.
struct CoverageCheck {
  std::string name;
  bool passed = true;
  std::string detail;
};

// The verdict, with the numbers and the reasons.
struct CoverageGateResult {
  bool passed = true;
  Counts totals;
  std::vector<CoverageCheck> checks;
  std::vector<std::string> failing_files; // below --min-file
  std::optional<DiffCoverage> diff;

  // The failed checks' details, or every check's when the gate passed.
  std::vector<std::string> reasons() const;
};

// Decides the gate; pure.
CoverageGateResult evaluate(const MergedCoverage& coverage, const std::optional<DiffCoverage>& diff,
                            const CoveragePolicy& policy);

// "85.71%" (rounded down) or "n/a" when nothing is coverable.
std::string percent_text(std::uint64_t covered, std::uint64_t valid);

} // namespace gatekit::coverage
