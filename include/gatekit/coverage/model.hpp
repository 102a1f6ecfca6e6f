#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gatekit::coverage {

// The report formats coverage-gate reads, detected from content.
enum class Format { cobertura, jacoco, clover, lcov };

// "cobertura", "jacoco", "clover", "lcov".
const char* format_name(Format format);

// One coverable source line after de-duplication.
struct LineCoverage {
  std::uint32_t line = 0;
  std::uint64_t hits = 0;           // 0: not covered. JaCoCo: covered instructions
  std::uint32_t branches_valid = 0; // per-line branch counts
  std::uint32_t branches_covered = 0;
  bool is_line = true; // false: branches only (LCOV BRDA without DA)
};

// A branch with an identity (LCOV's BRDA block and branch), so that reports
// can be merged branch by branch rather than by per-line counts.
struct BranchPoint {
  std::uint32_t line = 0;
  std::uint32_t block = 0;
  std::uint32_t branch = 0;
  std::uint64_t taken = 0; // 0 also for LCOV's "-" (never reached)
};

// coverage.py's Cobertura lists, per branching line, the destinations of the
// branches not taken ("missing-branches"): across shards, the intersection of
// those lists gives the exact union of covered branches.
struct MissingArcs {
  std::uint32_t line = 0;
  std::vector<std::string> destinations; // sorted; line numbers, or "exit" (leaving the function)
};

// The coverage of one source file.
struct FileCoverage {
  std::string path;                       // as the report names it, '/'-separated
  std::vector<LineCoverage> lines;        // sorted by line, unique
  std::vector<BranchPoint> branch_points; // sorted; empty for per-line formats
  std::vector<MissingArcs> missing_arcs;  // sorted by line; coverage.py Cobertura only
};

// What a report's header or summary records claim; compared with the records
// to warn about mismatches, never used as the result.
struct DeclaredTotals {
  std::optional<std::uint64_t> lines_valid;
  std::optional<std::uint64_t> lines_covered;
  std::optional<std::uint64_t> branches_valid;
  std::optional<std::uint64_t> branches_covered;
};

// One parsed coverage report.
struct CoverageReport {
  std::string source; // the path it was read from
  Format format = Format::cobertura;
  std::string producer;                  // e.g. "coverage.py 6.5.0", when the report says
  std::vector<std::string> source_roots; // Cobertura <sources>, in order
  std::vector<FileCoverage> files;       // in report order, one entry per path
  DeclaredTotals declared;
  std::vector<std::string> warnings;
};

// Line, branch and combined counts.
struct Counts {
  std::uint64_t lines_valid = 0;
  std::uint64_t lines_covered = 0;
  std::uint64_t branches_valid = 0;
  std::uint64_t branches_covered = 0;

  void add(const Counts& other);
};

// The counts of one file, recomputed from its line records.
Counts count_file(const FileCoverage& file);

// Sorts `lines` by line number and folds repeated lines: hits added, a line
// covered if any entry covered it; branch counts by the maximum (Cobertura's
// condition-coverage has no branch identity: a documented lower bound).
void normalise_lines(std::vector<LineCoverage>& lines);

// Sorts branch points and folds repeats by identity (taken added), then sets
// each line's branch counts from its points.
void apply_branch_points(FileCoverage& file);

// Renumbers each branch by its rank within its (line, block) group. gcc's
// numbers are stable within a block already; coverage.py writes the arc's
// destination as the line and numbers branches in the order met, which
// differs between runs: ranks make both identities stable across shards.
void canonicalise_branch_numbers(std::vector<BranchPoint>& points);

} // namespace gatekit::coverage
