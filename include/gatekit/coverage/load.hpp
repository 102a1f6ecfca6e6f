#pragma once

#include <gatekit/common/error.hpp>
#include <gatekit/coverage/diff.hpp>
#include <gatekit/coverage/gate.hpp>
#include <gatekit/coverage/merge.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace gatekit::coverage {

// Reads, parses and merges each report in turn (one file's text in memory at a
// time). Fails on the first unreadable or invalid report, with its location.
Result<MergedCoverage> load_coverage(const std::vector<std::string>& paths, CoverageMerger& merger);

// Parses a rules file: a YAML (or JSON) mapping of glob to minimum percent,
// e.g. `infrastructure/**: 85`. Errors name the key.
Result<std::vector<CoverageRule>> parse_rules(std::string_view text, const std::string& source);

// Reads the totals of a baseline: an earlier run's --report-json. Errors
// carry the JSON path of the offending value.
Result<Counts> parse_baseline(std::string_view text, const std::string& source);

// The changed lines from `git diff --no-color --no-ext-diff <base>...HEAD`
// run in `directory`: the commits of this branch since it left `base`.
Result<std::vector<ChangedFile>> diff_against(const std::string& base,
                                              const std::string& directory);

} // namespace gatekit::coverage
