#include <gatekit/common/glob.hpp>
#include <gatekit/coverage/merge.hpp>

#include <algorithm>
#include <iterator>

namespace gatekit::coverage {
namespace {

// What one report says about a line's branches not taken.
struct MissingKnowledge {
  bool present = false; // the report has this line with branches
  bool known = false;   // and says which destinations were missed
  std::vector<std::string> destinations;
};

MissingKnowledge missing_on(const FileCoverage& file, std::uint32_t line_number) {
  MissingKnowledge knowledge;
  const auto line =
      std::lower_bound(file.lines.begin(), file.lines.end(), line_number,
                       [](const LineCoverage& l, std::uint32_t n) { return l.line < n; });
  if (line == file.lines.end() || line->line != line_number || line->branches_valid == 0) {
    return knowledge;
  }
  knowledge.present = true;
  const auto arcs =
      std::lower_bound(file.missing_arcs.begin(), file.missing_arcs.end(), line_number,
                       [](const MissingArcs& m, std::uint32_t n) { return m.line < n; });
  if (arcs != file.missing_arcs.end() && arcs->line == line_number) {
    knowledge.known = true;
    knowledge.destinations = arcs->destinations;
  } else if (line->branches_covered >= line->branches_valid) {
    knowledge.known = true; // every branch taken: nothing missing
  }
  return knowledge;
}

// After `merged.lines` combined `a` and `b` by per-line maximum: where both
// reports name the branches they missed (coverage.py), the branches missed by
// both are the intersection, and the rest are covered: the exact union.
void merge_missing_arcs(const FileCoverage& a, const FileCoverage& b, FileCoverage& merged) {
  std::vector<MissingArcs> result;
  for (LineCoverage& line : merged.lines) {
    if (line.branches_valid == 0) {
      continue;
    }
    const MissingKnowledge in_a = missing_on(a, line.line);
    const MissingKnowledge in_b = missing_on(b, line.line);
    if ((in_a.present && !in_a.known) || (in_b.present && !in_b.known) ||
        (!in_a.present && !in_b.present)) {
      continue; // unknown somewhere: keep the per-line maximum
    }
    std::vector<std::string> both;
    if (in_a.present && in_b.present) {
      std::set_intersection(in_a.destinations.begin(), in_a.destinations.end(),
                            in_b.destinations.begin(), in_b.destinations.end(),
                            std::back_inserter(both));
    } else {
      both = in_a.present ? in_a.destinations : in_b.destinations;
    }
    const auto missed =
        static_cast<std::uint32_t>(std::min<std::size_t>(both.size(), line.branches_valid));
    line.branches_covered = line.branches_valid - missed;
    if (!both.empty()) {
      result.push_back(MissingArcs{line.line, std::move(both)});
    }
  }
  merged.missing_arcs = std::move(result);
}

} // namespace

bool PathFilter::keeps(const std::string& path) const {
  const auto matches = [&path](const std::string& pattern) {
    // "tests/*" should also cover tests/unit/x.py, as coverage.py's omit does.
    return glob_match(pattern, path, GlobMode::text);
  };
  if (!include.empty() && std::none_of(include.begin(), include.end(), matches)) {
    return false;
  }
  return std::none_of(exclude.begin(), exclude.end(), matches);
}

Counts MergedCoverage::totals() const {
  Counts counts;
  for (const FileCoverage& file : files) {
    counts.add(count_file(file));
  }
  return counts;
}

const FileCoverage* MergedCoverage::find(const std::string& path) const {
  const auto found = std::lower_bound(
      files.begin(), files.end(), path,
      [](const FileCoverage& file, const std::string& key) { return file.path < key; });
  return found != files.end() && found->path == path ? &*found : nullptr;
}

CoverageMerger::CoverageMerger(PathOptions paths, PathFilter filter, PathExists exists)
    : m_paths(std::move(paths)), m_filter(std::move(filter)), m_exists(std::move(exists)) {}

void CoverageMerger::add(CoverageReport report) {
  ReportSummary summary;
  summary.path = report.source;
  summary.format = report.format;
  summary.producer = report.producer;
  summary.warnings = std::move(report.warnings);
  for (FileCoverage& file : report.files) {
    const std::string path = resolve_report_path(file.path, report.source_roots, m_paths, m_exists);
    if (!m_filter.keeps(path)) {
      ++summary.files_excluded;
      continue;
    }
    ++summary.files;
    const Counts counts = count_file(file);
    summary.counts.add(counts);
    // Branches can merge by identity only while every report of this file
    // either has identities (LCOV BRDA) or no branches at all.
    const bool identity_possible = !file.branch_points.empty() || counts.branches_valid == 0;
    const auto [found, inserted] = m_index.emplace(path, m_entries.size());
    if (inserted) {
      file.path = path;
      m_entries.push_back(Entry{std::move(file), identity_possible, report.format,
                                counts.branches_valid > 0, false});
      continue;
    }
    Entry& entry = m_entries[found->second];
    if (counts.branches_valid > 0) {
      if (!entry.has_branches) {
        entry.has_branches = true;
        entry.branch_format = report.format;
      } else if (entry.branch_format != report.format && !entry.mixed_warned) {
        // Formats place branches differently (coverage.py: on the source line
        // in Cobertura, the destination in LCOV): no union is exact across them.
        entry.mixed_warned = true;
        summary.warnings.push_back(
            path + ": branches merged from " + format_name(entry.branch_format) + " and " +
            format_name(report.format) + " reports are approximate; merge reports of one format");
      }
    }
    FileCoverage& merged = entry.file;
    const bool arcs = !merged.missing_arcs.empty() || !file.missing_arcs.empty();
    FileCoverage before;
    if (arcs) {
      before.lines = merged.lines;
      before.missing_arcs = merged.missing_arcs;
    }
    merged.lines.insert(merged.lines.end(), file.lines.begin(), file.lines.end());
    normalise_lines(merged.lines);
    if (arcs) {
      merge_missing_arcs(before, file, merged);
    }
    const bool identity = entry.branches_by_identity && identity_possible;
    if (identity && !file.branch_points.empty()) {
      merged.branch_points.insert(merged.branch_points.end(), file.branch_points.begin(),
                                  file.branch_points.end());
      apply_branch_points(merged);
    } else if (!identity) {
      merged.branch_points.clear(); // per-line maximum from here on
    }
    entry.branches_by_identity = identity;
  }
  m_reports.push_back(std::move(summary));
}

MergedCoverage CoverageMerger::finish() {
  MergedCoverage merged;
  merged.files.reserve(m_entries.size());
  for (Entry& entry : m_entries) {
    merged.files.push_back(std::move(entry.file));
  }
  std::sort(merged.files.begin(), merged.files.end(),
            [](const FileCoverage& a, const FileCoverage& b) { return a.path < b.path; });
  merged.reports = std::move(m_reports);
  m_entries.clear();
  m_index.clear();
  return merged;
}

} // namespace gatekit::coverage
