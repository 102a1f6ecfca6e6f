// LCOV tracefiles (lcov, gcovr, coverage.py, c8, cargo-llvm-cov): one record
// per line, "SF:" opens a file and "end_of_record" closes it. DA gives line
// hits; BRDA:line,block,branch,taken gives branches with an identity, "-"
// meaning the block was never reached; LF/LH/BRF/BRH are the writer's totals,
// kept only to warn when they disagree with the records.

#include "xml_formats.hpp"

#include <gatekit/common/declared_totals.hpp>
#include <gatekit/common/numbers.hpp>
#include <gatekit/common/text.hpp>
#include <gatekit/coverage/parse.hpp>

#include <unordered_map>

namespace gatekit::coverage {
namespace {

// The comma-separated fields of a record's value, at most `limit` of them
// (the last keeps any further commas, as a DA checksum may hold).
std::vector<std::string_view> fields(std::string_view value, size_t limit) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < limit) {
    const size_t comma = value.find(',');
    if (comma == std::string_view::npos) {
      break;
    }
    parts.push_back(value.substr(0, comma));
    value.remove_prefix(comma + 1);
  }
  parts.push_back(value);
  return parts;
}

std::optional<std::uint32_t> line_number(std::string_view text) {
  const std::optional<std::uint64_t> value = parse_count(text);
  if (!value || *value == 0 || *value > UINT32_MAX) {
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(*value);
}

// lcov 2 marks exception branches with an 'e' before the block number; they
// stay distinct from ordinary blocks of the same number.
std::optional<std::uint32_t> block_number(std::string_view text) {
  std::uint32_t flag = 0;
  if (!text.empty() && text.front() == 'e') {
    text.remove_prefix(1);
    flag = 0x80000000u;
  }
  const std::optional<std::uint64_t> value = parse_count(text);
  if (!value || *value >= 0x80000000u) {
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(*value) | flag;
}

struct SectionTotals {
  std::optional<std::uint64_t> lf;
  std::optional<std::uint64_t> lh;
  std::optional<std::uint64_t> brf;
  std::optional<std::uint64_t> brh;
};

} // namespace

Result<CoverageReport> parse_lcov(std::string_view text, const std::string& source) {
  CoverageReport report;
  report.source = source;
  report.format = Format::lcov;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3);
  }
  std::unordered_map<std::string, size_t> file_index;
  FileCoverage* file = nullptr;
  SectionTotals section;
  // A section's branches are ranked within their (line, block) before they
  // join the file's: a tracefile of concatenated runs then merges like runs
  // given as separate files.
  std::vector<BranchPoint> section_points;
  DeclaredTotals declared_sum;
  bool any_declared = false;
  int line_no = 0;
  const auto fail = [&](const std::string& message) {
    return make_error(source, message, line_no, 1);
  };
  const auto close_section = [&]() {
    if (file != nullptr && !section_points.empty()) {
      canonicalise_branch_numbers(section_points);
      file->branch_points.insert(file->branch_points.end(), section_points.begin(),
                                 section_points.end());
    }
    section_points.clear();
    if (section.lf || section.lh || section.brf || section.brh) {
      any_declared = true;
      add_declared(declared_sum.lines_valid, section.lf);
      add_declared(declared_sum.lines_covered, section.lh);
      add_declared(declared_sum.branches_valid, section.brf);
      add_declared(declared_sum.branches_covered, section.brh);
    }
    section = SectionTotals{};
    file = nullptr;
  };

  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view record = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!record.empty() && record.back() == '\r') {
      record.remove_suffix(1);
    }
    if (trim(record).empty()) {
      continue;
    }
    if (record == "end_of_record") {
      if (file == nullptr) {
        return fail("end_of_record without an open SF: section");
      }
      close_section();
      continue;
    }
    const size_t colon = record.find(':');
    if (colon == std::string_view::npos) {
      return fail("not an LCOV record (expected KEY:VALUE): '" + truncate_utf8(record, 60, "…") +
                  "'");
    }
    const std::string_view key = record.substr(0, colon);
    const std::string_view value = record.substr(colon + 1);
    if (key == "SF") {
      if (file != nullptr) {
        close_section(); // a missing end_of_record: the next SF closes the section
      }
      const std::string path(trim(value));
      if (path.empty()) {
        return fail("SF: with an empty file name");
      }
      const auto [found, inserted] = file_index.emplace(path, report.files.size());
      if (inserted) {
        report.files.push_back(FileCoverage{path, {}, {}, {}});
      }
      file = &report.files[found->second];
      continue;
    }
    if (key == "TN" || key == "VER" || key == "FN" || key == "FNDA" || key == "FNF" ||
        key == "FNH" || key == "FNL" || key == "FNA") {
      continue; // test names and function records do not change line or branch coverage
    }
    const bool per_file =
        key == "DA" || key == "BRDA" || key == "LF" || key == "LH" || key == "BRF" || key == "BRH";
    if (!per_file) {
      continue; // records added by newer lcov versions (e.g. MCDC) are passed over
    }
    if (file == nullptr) {
      return fail(std::string(key) + ": record outside an SF: section");
    }
    if (key == "DA") {
      const std::vector<std::string_view> parts = fields(value, 3);
      const std::optional<std::uint32_t> number = line_number(parts[0]);
      const std::optional<std::int64_t> hits =
          parts.size() >= 2 ? parse_integer(parts[1]) : std::nullopt;
      if (!number || !hits) {
        return fail("DA: expects LINE,HITS, got '" + truncate_utf8(value, 60, "…") + "'");
      }
      // gcov has been known to write negative counts; they mean "ran".
      file->lines.push_back(
          LineCoverage{*number, static_cast<std::uint64_t>(*hits < 0 ? 1 : *hits), 0, 0, true});
    } else if (key == "BRDA") {
      const std::vector<std::string_view> parts = fields(value, 4);
      if (parts.size() != 4) {
        return fail("BRDA: expects LINE,BLOCK,BRANCH,TAKEN, got '" + truncate_utf8(value, 60, "…") +
                    "'");
      }
      // coverage.py 6.5 writes an exit from a function as BRDA line 0: a
      // branch with no source line of its own, counted like any other.
      const std::optional<std::uint64_t> number = parse_count(parts[0]);
      const std::optional<std::uint32_t> block = block_number(parts[1]);
      const std::optional<std::uint64_t> branch = parse_count(parts[2]);
      const std::string_view taken_text = trim(parts[3]);
      const std::optional<std::uint64_t> taken =
          taken_text == "-" ? std::optional<std::uint64_t>(0) : parse_count(taken_text);
      if (!number || *number > UINT32_MAX || !block || !branch || *branch > UINT32_MAX || !taken) {
        return fail("BRDA: expects LINE,BLOCK,BRANCH,TAKEN (TAKEN a number or '-'), got '" +
                    truncate_utf8(value, 60, "…") + "'");
      }
      section_points.push_back(BranchPoint{static_cast<std::uint32_t>(*number), *block,
                                           static_cast<std::uint32_t>(*branch), *taken});
    } else {
      const std::optional<std::uint64_t> count = parse_count(value);
      if (!count) {
        return fail(std::string(key) + ": expects a whole number, got '" +
                    truncate_utf8(value, 40, "…") + "'");
      }
      (key == "LF"    ? section.lf
       : key == "LH"  ? section.lh
       : key == "BRF" ? section.brf
                      : section.brh) = *count;
    }
  }
  if (file != nullptr) {
    close_section(); // tolerate a missing final end_of_record
  }
  if (report.files.empty()) {
    return make_error(source, text.empty()
                                  ? "file is empty (0 bytes): the coverage run wrote no report"
                                  : "LCOV tracefile without any SF: section");
  }
  for (FileCoverage& entry : report.files) {
    normalise_lines(entry.lines);
    apply_branch_points(entry);
  }
  if (any_declared) {
    report.declared = declared_sum;
    detail::warn_on_declared_mismatch(report);
  }
  return report;
}

} // namespace gatekit::coverage
