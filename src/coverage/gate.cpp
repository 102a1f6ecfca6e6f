#include <gatekit/common/glob.hpp>
#include <gatekit/coverage/gate.hpp>

namespace gatekit::coverage {
namespace {

__extension__ typedef unsigned __int128 Wide;

// covered_now/valid_now*100 + drop >= covered_then/valid_then*100, exactly.
bool within_drop(std::uint64_t covered_now, std::uint64_t valid_now, std::uint64_t covered_then,
                 std::uint64_t valid_then, Percent drop) {
  const Wide lhs = static_cast<Wide>(covered_now) * valid_then * 100'000'000u +
                   static_cast<Wide>(drop.micro) * valid_now * valid_then;
  const Wide rhs = static_cast<Wide>(covered_then) * valid_now * 100'000'000u;
  return lhs >= rhs;
}

std::string requirement(std::uint64_t covered, std::uint64_t valid, Percent minimum) {
  const bool met = ratio_meets(covered, valid, minimum);
  return percent_text(covered, valid) + " (" + std::to_string(covered) + " of " +
         std::to_string(valid) + ") " + (met ? ">= " : "< ") + format_percent(minimum) +
         "% required";
}

} // namespace

const char* metric_name(Metric metric) {
  switch (metric) {
  case Metric::line:
    return "line";
  case Metric::branch:
    return "branch";
  case Metric::combined:
    return "combined";
  }
  return "line";
}

std::pair<std::uint64_t, std::uint64_t> metric_ratio(const Counts& counts, Metric metric) {
  switch (metric) {
  case Metric::line:
    return {counts.lines_covered, counts.lines_valid};
  case Metric::branch:
    return {counts.branches_covered, counts.branches_valid};
  case Metric::combined:
    return {counts.lines_covered + counts.branches_covered,
            counts.lines_valid + counts.branches_valid};
  }
  return {0, 0};
}

std::string percent_text(std::uint64_t covered, std::uint64_t valid) {
  return valid == 0 ? "n/a" : format_ratio_percent(covered, valid) + "%";
}

std::vector<std::string> CoverageGateResult::reasons() const {
  std::vector<std::string> reasons;
  for (const CoverageCheck& check : checks) {
    if (passed || !check.passed) {
      reasons.push_back(check.name + ": " + check.detail);
    }
  }
  return reasons;
}

CoverageGateResult evaluate(const MergedCoverage& coverage, const std::optional<DiffCoverage>& diff,
                            const CoveragePolicy& policy) {
  CoverageGateResult result;
  result.totals = coverage.totals();
  result.diff = diff;
  const auto add_check = [&result](std::string name, bool passed, std::string detail) {
    result.checks.push_back(CoverageCheck{std::move(name), passed, std::move(detail)});
    result.passed = result.passed && passed;
  };
  const Counts& totals = result.totals;

  if (totals.lines_valid == 0 && totals.branches_valid == 0) {
    add_check("coverage data", false,
              "the reports cover no line of any kept file (wrong paths or filters?)");
  }
  const auto check_minimum = [&](const char* name, Metric metric,
                                 const std::optional<Percent>& minimum) {
    if (!minimum) {
      return;
    }
    const auto [covered, valid] = metric_ratio(totals, metric);
    if (valid == 0) {
      add_check(name, false,
                std::string("nothing to measure: no ") + metric_name(metric) +
                    " data in the reports");
      return;
    }
    add_check(name, ratio_meets(covered, valid, *minimum), requirement(covered, valid, *minimum));
  };
  check_minimum("line coverage", Metric::line, policy.min_line);
  check_minimum("branch coverage", Metric::branch, policy.min_branch);
  check_minimum("combined coverage", Metric::combined, policy.min_combined);

  if (policy.min_file) {
    for (const FileCoverage& file : coverage.files) {
      const auto [covered, valid] = metric_ratio(count_file(file), policy.metric);
      if (valid > 0 && !ratio_meets(covered, valid, *policy.min_file)) {
        result.failing_files.push_back(file.path);
      }
    }
    add_check("per-file coverage", result.failing_files.empty(),
              std::to_string(result.failing_files.size()) + " file(s) below " +
                  format_percent(*policy.min_file) + "% " + metric_name(policy.metric) +
                  " coverage");
  }
  for (const CoverageRule& rule : policy.rules) {
    Counts matched;
    std::size_t files = 0;
    for (const FileCoverage& file : coverage.files) {
      if (glob_match(rule.pattern, file.path, GlobMode::text)) {
        matched.add(count_file(file));
        ++files;
      }
    }
    const auto [covered, valid] = metric_ratio(matched, policy.metric);
    if (files == 0 || valid == 0) {
      add_check("rule " + rule.pattern, false,
                "matches no covered file (renamed? remove the rule)");
      continue;
    }
    add_check("rule " + rule.pattern, ratio_meets(covered, valid, rule.minimum),
              requirement(covered, valid, rule.minimum) + " over " + std::to_string(files) +
                  " file(s)");
  }
  if (policy.max_drop && policy.baseline) {
    const auto [covered, valid] = metric_ratio(totals, policy.metric);
    const auto [then_covered, then_valid] = metric_ratio(*policy.baseline, policy.metric);
    if (then_valid == 0 || valid == 0) {
      add_check("coverage drop", false,
                std::string("nothing to compare: no ") + metric_name(policy.metric) + " data " +
                    (valid == 0 ? "in this run" : "in the baseline"));
    } else {
      const bool met = within_drop(covered, valid, then_covered, then_valid, *policy.max_drop);
      add_check("coverage drop", met,
                percent_text(covered, valid) + " now, " + percent_text(then_covered, then_valid) +
                    " in the baseline; " + (met ? "within " : "more than ") +
                    format_percent(*policy.max_drop) + " points");
    }
  }
  if (policy.min_diff) {
    if (!diff) {
      add_check("diff coverage", false, "no diff given (--diff-file or --diff-base)");
    } else if (diff->lines_valid == 0) {
      add_check("diff coverage", true, "no changed line is measured by the coverage reports");
    } else {
      add_check("diff coverage",
                ratio_meets(diff->lines_covered, diff->lines_valid, *policy.min_diff),
                requirement(diff->lines_covered, diff->lines_valid, *policy.min_diff));
    }
  }
  return result;
}

} // namespace gatekit::coverage
