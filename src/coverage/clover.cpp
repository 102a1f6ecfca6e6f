// Clover XML, as written by OpenClover and by istanbul (nyc, c8):
// <coverage clover><project><package><file name path><line num count type/>
// </file></package><file/></project><testproject>...</testproject></coverage>
// <testproject> covers the tests themselves and is left out. Lines are the
// stmt and cond entries; method entries count calls of a signature line.
// Branches on cond lines: OpenClover's truecount/falsecount count how often
// the condition was true and false (2 branches, each covered if > 0);
// istanbul writes the covered and uncovered branch counts there instead.

#include "../common/xml_document.hpp"
#include "xml_formats.hpp"

#include <gatekit/common/text.hpp>

#include <unordered_map>

namespace gatekit::coverage::detail {
namespace {

// istanbul's clover writer stamps clover="3.2.0" and names the project "All files".
bool written_by_istanbul(pugi::xml_node root, pugi::xml_node project) {
  return std::string_view(root.attribute("clover").value()) == "3.2.0" &&
         std::string_view(project.attribute("name").value()) == "All files";
}

Status read_file(pugi::xml_node file_node, const std::string& source, bool istanbul,
                 FileCoverage& file) {
  for (pugi::xml_node line : file_node.children("line")) {
    const std::string_view type = line.attribute("type").value();
    if (type != "stmt" && type != "cond") {
      continue;
    }
    Result<std::optional<std::uint64_t>> number = count_attribute(line, "num", source);
    Result<std::optional<std::uint64_t>> count = count_attribute(line, "count", source);
    Result<std::optional<std::uint64_t>> true_count = count_attribute(line, "truecount", source);
    Result<std::optional<std::uint64_t>> false_count = count_attribute(line, "falsecount", source);
    for (const auto* value : {&number, &count, &true_count, &false_count}) {
      if (!*value) {
        return value->error();
      }
    }
    if (!number.value() || *number.value() == 0 || *number.value() > UINT32_MAX) {
      return xml::error_at(line, source, "<line> needs a line number (num=\"1\" or more)");
    }
    LineCoverage record;
    record.line = static_cast<std::uint32_t>(*number.value());
    record.hits = count.value().value_or(0);
    if (type == "cond") {
      const std::uint64_t t = true_count.value().value_or(0);
      const std::uint64_t f = false_count.value().value_or(0);
      if (!count.value() && !istanbul) {
        record.hits =
            t + f; // OpenClover may leave count out: the condition ran if it was evaluated
      }
      if (istanbul) {
        record.branches_valid =
            static_cast<std::uint32_t>(std::min<std::uint64_t>(t + f, UINT32_MAX));
        record.branches_covered =
            static_cast<std::uint32_t>(std::min<std::uint64_t>(t, UINT32_MAX));
      } else {
        record.branches_valid = 2;
        record.branches_covered = (t > 0 ? 1u : 0u) + (f > 0 ? 1u : 0u);
      }
    }
    file.lines.push_back(record);
  }
  return Done{};
}

} // namespace

Result<CoverageReport> read_clover(pugi::xml_node root, const std::string& source) {
  CoverageReport report;
  report.source = source;
  report.format = Format::clover;
  const pugi::xml_node project = root.child("project");
  if (!project) {
    return xml::error_at(root, source, "Clover report without a <project> element");
  }
  const bool istanbul = written_by_istanbul(root, project);
  report.producer =
      istanbul ? "istanbul" : "clover " + std::string(root.attribute("clover").value());
  std::unordered_map<std::string, size_t> file_index;
  const auto add_file = [&](pugi::xml_node file_node) -> Status {
    const char* path = file_node.attribute("path").value();
    const std::string name = *path != '\0' ? path : file_node.attribute("name").value();
    if (trim(name).empty()) {
      return xml::error_at(file_node, source, "<file> has neither a path nor a name attribute");
    }
    const auto [found, inserted] = file_index.emplace(name, report.files.size());
    if (inserted) {
      report.files.push_back(FileCoverage{name, {}, {}, {}});
    }
    return read_file(file_node, source, istanbul, report.files[found->second]);
  };
  for (pugi::xml_node file_node : project.children("file")) {
    Status added = add_file(file_node);
    if (!added) {
      return added.error();
    }
  }
  for (pugi::xml_node package : project.children("package")) {
    for (pugi::xml_node file_node : package.children("file")) {
      Status added = add_file(file_node);
      if (!added) {
        return added.error();
      }
    }
  }
  for (FileCoverage& file : report.files) {
    normalise_lines(file.lines);
  }
  return report;
}

} // namespace gatekit::coverage::detail
