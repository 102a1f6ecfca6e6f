#include <gatekit/coverage/diff_coverage.hpp>

#include <algorithm>

namespace gatekit::coverage {

DiffCoverage compute_diff_coverage(const MergedCoverage& coverage,
                                   const std::vector<ChangedFile>& changes) {
  DiffCoverage diff;
  for (const ChangedFile& change : changes) {
    if (change.lines.empty()) {
      continue;
    }
    FileDiffCoverage entry;
    entry.path = change.path;
    const FileCoverage* file = coverage.find(change.path);
    entry.in_report = file != nullptr;
    if (file != nullptr) {
      const std::vector<LineCoverage>& lines = file->lines;
      size_t cursor = 0;
      for (const std::uint32_t line : change.lines) {
        while (cursor < lines.size() && lines[cursor].line < line) {
          ++cursor;
        }
        if (cursor < lines.size() && lines[cursor].line == line && lines[cursor].is_line) {
          ++entry.lines_valid;
          if (lines[cursor].hits > 0) {
            ++entry.lines_covered;
          } else {
            entry.uncovered.push_back(line);
          }
        }
      }
      // Merge uncovered lines into ranges unless a covered line lies between.
      for (const std::uint32_t line : entry.uncovered) {
        if (!entry.uncovered_ranges.empty()) {
          LineRange& last = entry.uncovered_ranges.back();
          const auto first_after = std::upper_bound(
              lines.begin(), lines.end(), last.second,
              [](std::uint32_t value, const LineCoverage& record) { return value < record.line; });
          bool covered_between = false;
          for (auto record = first_after; record != lines.end() && record->line < line; ++record) {
            if (record->is_line && record->hits > 0) {
              covered_between = true;
              break;
            }
          }
          if (!covered_between) {
            last.second = line;
            continue;
          }
        }
        entry.uncovered_ranges.emplace_back(line, line);
      }
    }
    diff.lines_valid += entry.lines_valid;
    diff.lines_covered += entry.lines_covered;
    diff.files.push_back(std::move(entry));
  }
  return diff;
}

} // namespace gatekit::coverage
