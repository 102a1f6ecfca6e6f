// JaCoCo XML: <report><group>*<package name="org/x"><class/>...
//   <sourcefile name="A.java"><line nr mi ci mb cb/><counter type=.../></sourcefile>
// Lines come from each <sourcefile>'s <line> records only: class and method
// LINE counters repeat them and must never be added in. `ci` counts covered
// instructions, not executions.

#include "../common/xml_document.hpp"
#include "xml_formats.hpp"

#include <gatekit/common/text.hpp>

#include <unordered_map>
#include <vector>

namespace gatekit::coverage::detail {
namespace {

struct LineCounters {
  std::uint64_t mi = 0;
  std::uint64_t ci = 0;
  std::uint64_t mb = 0;
  std::uint64_t cb = 0;
};

Result<LineCounters> read_counters(pugi::xml_node line, const std::string& source) {
  LineCounters counters;
  for (const auto& [name, target] :
       {std::pair{"mi", &counters.mi}, std::pair{"ci", &counters.ci}, std::pair{"mb", &counters.mb},
        std::pair{"cb", &counters.cb}}) {
    Result<std::optional<std::uint64_t>> value = count_attribute(line, name, source);
    if (!value) {
      return value.error();
    }
    *target = value.value().value_or(0);
  }
  return counters;
}

// The LINE and BRANCH <counter> children of `node`, as declared totals.
Status read_declared(pugi::xml_node node, const std::string& source, DeclaredTotals& declared) {
  for (pugi::xml_node counter : node.children("counter")) {
    const std::string_view type = counter.attribute("type").value();
    if (type != "LINE" && type != "BRANCH") {
      continue;
    }
    Result<std::optional<std::uint64_t>> missed = count_attribute(counter, "missed", source);
    Result<std::optional<std::uint64_t>> covered = count_attribute(counter, "covered", source);
    if (!missed) {
      return missed.error();
    }
    if (!covered) {
      return covered.error();
    }
    const std::uint64_t m = missed.value().value_or(0);
    const std::uint64_t c = covered.value().value_or(0);
    if (type == "LINE") {
      declared.lines_valid = m + c;
      declared.lines_covered = c;
    } else {
      declared.branches_valid = m + c;
      declared.branches_covered = c;
    }
  }
  return Done{};
}

} // namespace

Result<CoverageReport> read_jacoco(pugi::xml_node root, const std::string& source) {
  CoverageReport report;
  report.source = source;
  report.format = Format::jacoco;
  report.producer = "JaCoCo";
  Status declared = read_declared(root, source, report.declared);
  if (!declared) {
    return declared.error();
  }
  // Groups nest (a multi-module build's groups of groups): walk them with a
  // stack, not recursion.
  std::vector<pugi::xml_node> containers = {root};
  std::unordered_map<std::string, size_t> file_index;
  while (!containers.empty()) {
    const pugi::xml_node container = containers.back();
    containers.pop_back();
    for (pugi::xml_node group : container.children("group")) {
      if (containers.size() > 256) {
        return xml::error_at(group, source, "<group> elements nested too deep");
      }
      containers.push_back(group);
    }
    for (pugi::xml_node package : container.children("package")) {
      const std::string package_name = package.attribute("name").value();
      for (pugi::xml_node sourcefile : package.children("sourcefile")) {
        const std::string name = sourcefile.attribute("name").value();
        if (trim(name).empty()) {
          return xml::error_at(sourcefile, source, "<sourcefile> has no name attribute");
        }
        const std::string path = package_name.empty() ? name : package_name + "/" + name;
        const auto [found, inserted] = file_index.emplace(path, report.files.size());
        if (inserted) {
          report.files.push_back(FileCoverage{path, {}, {}, {}});
        }
        std::vector<LineCoverage>& lines = report.files[found->second].lines;
        for (pugi::xml_node line : sourcefile.children("line")) {
          Result<std::optional<std::uint64_t>> number = count_attribute(line, "nr", source);
          if (!number) {
            return number.error();
          }
          if (!number.value() || *number.value() == 0 || *number.value() > UINT32_MAX) {
            return xml::error_at(line, source, "<line> needs a line number (nr=\"1\" or more)");
          }
          Result<LineCounters> counters = read_counters(line, source);
          if (!counters) {
            return counters.error();
          }
          const LineCounters& c = counters.value();
          if (c.mi + c.ci == 0 && c.mb + c.cb == 0) {
            continue; // no code on this line
          }
          LineCoverage record;
          record.line = static_cast<std::uint32_t>(*number.value());
          record.hits = c.ci;
          record.is_line = c.mi + c.ci > 0;
          record.branches_valid =
              static_cast<std::uint32_t>(std::min<std::uint64_t>(c.mb + c.cb, UINT32_MAX));
          record.branches_covered =
              static_cast<std::uint32_t>(std::min<std::uint64_t>(c.cb, UINT32_MAX));
          lines.push_back(record);
        }
      }
    }
  }
  for (FileCoverage& file : report.files) {
    normalise_lines(file.lines);
  }
  warn_on_declared_mismatch(report);
  return report;
}

} // namespace gatekit::coverage::detail
