#include <gatekit/coverage/model.hpp>

#include <algorithm>
#include <cstdint>
#include <tuple>

namespace gatekit::coverage {
namespace {

// Hit counts add up across shards; they saturate rather than wrap to 0,
// which would turn a covered line uncovered.
std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
  return b > UINT64_MAX - a ? UINT64_MAX : a + b;
}

} // namespace

const char* format_name(Format format) {
  switch (format) {
  case Format::cobertura:
    return "cobertura";
  case Format::jacoco:
    return "jacoco";
  case Format::clover:
    return "clover";
  case Format::lcov:
    return "lcov";
  }
  return "cobertura";
}

void Counts::add(const Counts& other) {
  lines_valid += other.lines_valid;
  lines_covered += other.lines_covered;
  branches_valid += other.branches_valid;
  branches_covered += other.branches_covered;
}

Counts count_file(const FileCoverage& file) {
  Counts counts;
  for (const LineCoverage& line : file.lines) {
    counts.lines_valid += line.is_line ? 1 : 0;
    counts.lines_covered += line.is_line && line.hits > 0 ? 1 : 0;
    counts.branches_valid += line.branches_valid;
    counts.branches_covered += std::min(line.branches_covered, line.branches_valid);
  }
  return counts;
}

void normalise_lines(std::vector<LineCoverage>& lines) {
  if (std::is_sorted(lines.begin(), lines.end(), [](const LineCoverage& a, const LineCoverage& b) {
        return a.line <= b.line;
      })) {
    return; // already sorted and unique: the common case
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const LineCoverage& a, const LineCoverage& b) { return a.line < b.line; });
  size_t out = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (out > 0 && lines[out - 1].line == lines[i].line) {
      LineCoverage& kept = lines[out - 1];
      kept.hits = saturating_add(kept.hits, lines[i].hits);
      kept.is_line = kept.is_line || lines[i].is_line;
      if (lines[i].branches_valid > kept.branches_valid ||
          (lines[i].branches_valid == kept.branches_valid &&
           lines[i].branches_covered > kept.branches_covered)) {
        kept.branches_valid = lines[i].branches_valid;
        kept.branches_covered = lines[i].branches_covered;
      }
    } else {
      lines[out++] = lines[i];
    }
  }
  lines.resize(out);
}

void canonicalise_branch_numbers(std::vector<BranchPoint>& points) {
  const auto key = [](const BranchPoint& p) { return std::tuple(p.line, p.block, p.branch); };
  std::stable_sort(points.begin(), points.end(),
                   [&key](const BranchPoint& a, const BranchPoint& b) { return key(a) < key(b); });
  std::uint32_t rank = 0;
  std::uint32_t previous_original = 0;
  for (size_t i = 0; i < points.size(); ++i) {
    const bool same_group =
        i > 0 && points[i].line == points[i - 1].line && points[i].block == points[i - 1].block;
    if (!same_group) {
      rank = 0;
    } else if (points[i].branch != previous_original) {
      ++rank;
    }
    previous_original = points[i].branch;
    points[i].branch = rank;
  }
}

void apply_branch_points(FileCoverage& file) {
  std::vector<BranchPoint>& points = file.branch_points;
  if (points.empty()) {
    return;
  }
  const auto key = [](const BranchPoint& p) { return std::tuple(p.line, p.block, p.branch); };
  std::stable_sort(points.begin(), points.end(),
                   [&key](const BranchPoint& a, const BranchPoint& b) { return key(a) < key(b); });
  size_t out = 0;
  for (size_t i = 0; i < points.size(); ++i) {
    if (out > 0 && key(points[out - 1]) == key(points[i])) {
      points[out - 1].taken = saturating_add(points[out - 1].taken, points[i].taken);
    } else {
      points[out++] = points[i];
    }
  }
  points.resize(out);
  // Per-line counts from the points. A branch on a line with no DA record is
  // kept for its branches but not counted as a line, as lcov counts it.
  std::vector<LineCoverage>& lines = file.lines;
  for (LineCoverage& line : lines) {
    line.branches_valid = 0;
    line.branches_covered = 0;
  }
  size_t cursor = 0;
  std::vector<LineCoverage> added;
  for (const BranchPoint& point : points) {
    while (cursor < lines.size() && lines[cursor].line < point.line) {
      ++cursor;
    }
    if (cursor < lines.size() && lines[cursor].line == point.line) {
      ++lines[cursor].branches_valid;
      lines[cursor].branches_covered += point.taken > 0 ? 1 : 0;
    } else if (!added.empty() && added.back().line == point.line) {
      ++added.back().branches_valid;
      added.back().branches_covered += point.taken > 0 ? 1 : 0;
    } else {
      added.push_back(LineCoverage{point.line, 0, 1, point.taken > 0 ? 1u : 0u, false});
    }
  }
  if (!added.empty()) {
    lines.insert(lines.end(), added.begin(), added.end());
    normalise_lines(lines);
  }
}

} // namespace gatekit::coverage
