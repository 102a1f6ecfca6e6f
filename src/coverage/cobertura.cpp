// Cobertura XML, as written by coverage.py, gcovr, istanbul and Cobertura:
// <coverage><sources/><packages><package><classes><class filename>
//   <methods><method><lines><line/></lines></method></methods>
//   <lines><line number hits branch condition-coverage/></lines>
// Lines are read from each class's own <lines>: method <lines> repeat them, and
// nyc writes function declarations there that are no statements (diff-cover
// ignores method lines too); only a class with no <lines> of its own falls
// back to its methods. A (file, line) in several classes counts once, covered
// if any entry has hits > 0.

#include "../common/xml_document.hpp"
#include "xml_formats.hpp"

#include <gatekit/common/numbers.hpp>
#include <gatekit/common/text.hpp>

#include <algorithm>
#include <unordered_map>

namespace gatekit::coverage::detail {
namespace {

// "50% (1/2)" -> covered 1 of 2. nullopt when the text has no "(a/b)".
std::optional<std::pair<std::uint32_t, std::uint32_t>>
parse_condition_coverage(std::string_view text) {
  const size_t open = text.find('(');
  const size_t slash = text.find('/', open);
  const size_t close = text.find(')', slash);
  if (open == std::string_view::npos || slash == std::string_view::npos ||
      close == std::string_view::npos) {
    return std::nullopt;
  }
  const std::optional<std::uint64_t> covered = parse_count(text.substr(open + 1, slash - open - 1));
  const std::optional<std::uint64_t> total = parse_count(text.substr(slash + 1, close - slash - 1));
  if (!covered || !total || *covered > *total || *total > UINT32_MAX) {
    return std::nullopt;
  }
  return std::make_pair(static_cast<std::uint32_t>(*covered), static_cast<std::uint32_t>(*total));
}

// "12,15,exit" (coverage.py's missing-branches): sorted destinations, each a
// line number or "exit"; nullopt on an empty entry.
std::optional<std::vector<std::string>> parse_destinations(std::string_view text) {
  std::vector<std::string> destinations;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) {
      comma = text.size();
    }
    const std::string_view token = trim(text.substr(start, comma - start));
    if (token.empty()) {
      return std::nullopt;
    }
    destinations.emplace_back(token);
    start = comma + 1;
  }
  std::sort(destinations.begin(), destinations.end());
  destinations.erase(std::unique(destinations.begin(), destinations.end()), destinations.end());
  return destinations;
}

Status read_line(pugi::xml_node line, const std::string& source, std::vector<LineCoverage>& into,
                 std::vector<MissingArcs>& missing) {
  Result<std::optional<std::uint64_t>> number = count_attribute(line, "number", source);
  if (!number) {
    return number.error();
  }
  if (!number.value() || *number.value() == 0 || *number.value() > UINT32_MAX) {
    return xml::error_at(line, source, "<line> needs a line number (number=\"1\" or more)");
  }
  const std::string_view hits_text = trim(line.attribute("hits").value());
  // Some writers emit hits as a float ("1.0") or beyond 64 bits; only the
  // covered/uncovered distinction and a rough count matter.
  std::uint64_t hits = 0;
  if (!hits_text.empty()) {
    if (const std::optional<std::uint64_t> whole = parse_count(hits_text)) {
      hits = *whole;
    } else if (const std::optional<double> real = parse_seconds(hits_text)) {
      // Clamped before converting: a double beyond 64 bits has no defined conversion.
      hits = *real <= 0      ? 0
             : *real >= 1e18 ? std::uint64_t{1'000'000'000'000'000'000}
                             : std::max<std::uint64_t>(1, static_cast<std::uint64_t>(*real));
    } else {
      return xml::error_at(line, source,
                           "<line> attribute hits=\"" + truncate_utf8(hits_text, 40, "…") +
                               "\" is not a number");
    }
  }
  LineCoverage record;
  record.line = static_cast<std::uint32_t>(*number.value());
  record.hits = hits;
  const std::string_view condition = line.attribute("condition-coverage").value();
  if (!trim(condition).empty()) {
    const auto branches = parse_condition_coverage(condition);
    if (!branches) {
      return xml::error_at(line, source,
                           "<line> attribute condition-coverage=\"" +
                               truncate_utf8(condition, 40, "…") +
                               "\" is not of the form 'P% (covered/total)'");
    }
    record.branches_covered = branches->first;
    record.branches_valid = branches->second;
    const std::string_view arcs = trim(line.attribute("missing-branches").value());
    if (!arcs.empty()) {
      std::optional<std::vector<std::string>> destinations = parse_destinations(arcs);
      if (!destinations) {
        return xml::error_at(line, source,
                             "<line> attribute missing-branches=\"" + truncate_utf8(arcs, 40, "…") +
                                 "\" is not a list of branch destinations");
      }
      missing.push_back(MissingArcs{record.line, std::move(*destinations)});
    }
  }
  into.push_back(record);
  return Done{};
}

Status read_lines(pugi::xml_node lines, const std::string& source, FileCoverage& file) {
  for (pugi::xml_node line : lines.children("line")) {
    Status read = read_line(line, source, file.lines, file.missing_arcs);
    if (!read) {
      return read;
    }
  }
  return Done{};
}

} // namespace

CoberturaReader::CoberturaReader(const std::string& source) : m_source(source) {
  m_report.source = source;
  m_report.format = Format::cobertura;
}

Status CoberturaReader::read_header(pugi::xml_node root) {
  // coverage.py writes "Generated by coverage.py" in a comment just inside the root.
  for (pugi::xml_node node : {root.previous_sibling(), root.first_child()}) {
    for (; node && node.type() != pugi::node_element; node = node.next_sibling()) {
      if (node.type() == pugi::node_comment &&
          std::string_view(node.value()).find("coverage.py") != std::string_view::npos) {
        m_report.producer = "coverage.py";
      }
    }
  }
  const std::string version = root.attribute("version").value();
  if (m_report.producer.empty() && !version.empty()) {
    // gcovr writes version="gcovr 5.2"; coverage.py and others a bare number.
    const bool named = version.front() < '0' || version.front() > '9';
    m_report.producer = named ? version : "Cobertura " + version;
  } else if (m_report.producer == "coverage.py" && !version.empty()) {
    m_report.producer += " " + version;
  }
  for (pugi::xml_node item : root.child("sources").children("source")) {
    std::string path = std::string(trim(item.text().get()));
    if (!path.empty()) {
      m_report.source_roots.push_back(std::move(path));
    }
  }
  for (const auto& [name, target] :
       {std::pair{"lines-valid", &m_report.declared.lines_valid},
        std::pair{"lines-covered", &m_report.declared.lines_covered},
        std::pair{"branches-valid", &m_report.declared.branches_valid},
        std::pair{"branches-covered", &m_report.declared.branches_covered}}) {
    Result<std::optional<std::uint64_t>> value = count_attribute(root, name, m_source);
    if (!value) {
      return value.error();
    }
    *target = value.value();
  }
  return Done{};
}

Status CoberturaReader::read_class(pugi::xml_node class_node) {
  const std::string filename = class_node.attribute("filename").value();
  if (trim(filename).empty()) {
    return xml::error_at(class_node, m_source, "<class> has no filename attribute");
  }
  const auto [found, inserted] = m_index.emplace(filename, m_report.files.size());
  if (inserted) {
    m_report.files.push_back(FileCoverage{filename, {}, {}, {}});
  }
  FileCoverage& file = m_report.files[found->second];
  if (const pugi::xml_node own_lines = class_node.child("lines")) {
    return read_lines(own_lines, m_source, file);
  }
  for (pugi::xml_node method : class_node.child("methods").children("method")) {
    Status read = read_lines(method.child("lines"), m_source, file);
    if (!read) {
      return read;
    }
  }
  return Done{};
}

CoverageReport CoberturaReader::finish() {
  for (FileCoverage& file : m_report.files) {
    normalise_lines(file.lines);
    std::sort(file.missing_arcs.begin(), file.missing_arcs.end(),
              [](const MissingArcs& a, const MissingArcs& b) { return a.line < b.line; });
  }
  warn_on_declared_mismatch(m_report);
  return std::move(m_report);
}

Result<CoverageReport> read_cobertura(pugi::xml_node root, const std::string& source) {
  CoberturaReader reader(source);
  Status header = reader.read_header(root);
  if (!header) {
    return header.error();
  }
  // Every packages/package/classes/class, however many of each (diff-cover
  // reads every class too); the chunked reader accepts the same shapes.
  for (pugi::xml_node packages : root.children("packages")) {
    for (pugi::xml_node package : packages.children("package")) {
      for (pugi::xml_node classes : package.children("classes")) {
        for (pugi::xml_node class_node : classes.children("class")) {
          Status read = reader.read_class(class_node);
          if (!read) {
            return read.error();
          }
        }
      }
    }
  }
  return reader.finish();
}

} // namespace gatekit::coverage::detail
