#pragma once

#include <gatekit/coverage/model.hpp>
#include <gatekit/coverage/paths.hpp>

#include <string>
#include <unordered_map>
#include <vector>

namespace gatekit::coverage {

// Which repository paths count: a path is kept if it matches an include glob
// (or there are none) and no exclude glob ("tests/*", "venv/**").
struct PathFilter {
  std::vector<std::string> include;
  std::vector<std::string> exclude;

  bool keeps(const std::string& path) const;
};

// One input report as the summary lists it.
struct ReportSummary {
  std::string path;
  Format format = Format::cobertura;
  std::string producer;
  std::size_t files = 0; // files after path mapping and filtering
  std::size_t files_excluded = 0;
  Counts counts; // recomputed from the report's own records
  std::vector<std::string> warnings;
};

// Every report merged into one view, keyed by repository-relative path.
struct MergedCoverage {
  std::vector<FileCoverage> files; // sorted by path
  std::vector<ReportSummary> reports;

  Counts totals() const;
  const FileCoverage* find(const std::string& path) const;
};

// Folds reports in one at a time (each may be discarded afterwards): lines are
// unioned, hits added, a line covered if any report covers it. Branches merge
// by identity when every report of a file has one (LCOV BRDA), otherwise by
// each line's maximum, a lower bound for identity-less formats.
class CoverageMerger {
public:
  CoverageMerger(PathOptions paths, PathFilter filter, PathExists exists);

  void add(CoverageReport report);
  MergedCoverage finish();

private:
  struct Entry {
    FileCoverage file;
    bool branches_by_identity = true;
    Format branch_format = Format::cobertura; // of the first report with branches
    bool has_branches = false;
    bool mixed_warned = false;
  };

  PathOptions m_paths;
  PathFilter m_filter;
  PathExists m_exists;
  std::vector<Entry> m_entries;
  std::unordered_map<std::string, std::size_t> m_index;
  std::vector<ReportSummary> m_reports;
};

} // namespace gatekit::coverage
