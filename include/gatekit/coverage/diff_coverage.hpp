#pragma once

#include <gatekit/coverage/diff.hpp>
#include <gatekit/coverage/merge.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace gatekit::coverage {

// Inclusive line range.
using LineRange = std::pair<std::uint32_t, std::uint32_t>;

// The coverage of one changed file's changed lines.
struct FileDiffCoverage {
  std::string path;
  bool in_report = false;        // the coverage reports know this file
  std::uint64_t lines_valid = 0; // changed lines the reports measure
  std::uint64_t lines_covered = 0;
  std::vector<std::uint32_t> uncovered;    // changed, measured, not covered
  std::vector<LineRange> uncovered_ranges; // the same, merged across unmeasured lines
};

// Diff coverage as diff-cover computes it: of the lines a change adds, those
// the coverage reports measure count; a measured line is covered if its hits
// are above 0. Changed lines a report does not list (comments, blank lines,
// files without coverage) are not counted.
struct DiffCoverage {
  std::uint64_t lines_valid = 0;
  std::uint64_t lines_covered = 0;
  std::vector<FileDiffCoverage> files; // in diff order, changed files with added lines
};

// Computes diff coverage; pure.
DiffCoverage compute_diff_coverage(const MergedCoverage& coverage,
                                   const std::vector<ChangedFile>& changes);

} // namespace gatekit::coverage
