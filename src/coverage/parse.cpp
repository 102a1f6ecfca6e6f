#include "../common/xml_document.hpp"
#include "xml_formats.hpp"

#include <gatekit/common/declared_totals.hpp>
#include <gatekit/common/numbers.hpp>
#include <gatekit/common/text.hpp>
#include <gatekit/common/text_encoding.hpp>
#include <gatekit/coverage/parse.hpp>

namespace gatekit::coverage {
namespace detail {

Result<std::optional<std::uint64_t>> count_attribute(pugi::xml_node node, const char* name,
                                                     const std::string& source) {
  const std::string_view text = trim(node.attribute(name).value());
  if (text.empty()) {
    return std::optional<std::uint64_t>();
  }
  const std::optional<std::uint64_t> value = parse_count(text);
  if (!value) {
    return xml::error_at(node, source,
                         "<" + std::string(node.name()) + "> attribute " + name + "=\"" +
                             truncate_utf8(text, 40, "…") + "\" is not a whole number");
  }
  return value;
}

void warn_on_declared_mismatch(CoverageReport& report) {
  Counts counted;
  for (const FileCoverage& file : report.files) {
    counted.add(count_file(file));
  }
  const std::optional<TotalMismatch> mismatch = compare_totals({
      {"lines-valid", report.declared.lines_valid, counted.lines_valid},
      {"lines-covered", report.declared.lines_covered, counted.lines_covered},
      {"branches-valid", report.declared.branches_valid, counted.branches_valid},
      {"branches-covered", report.declared.branches_covered, counted.branches_covered},
  });
  if (mismatch) {
    report.warnings.push_back("the report's totals say " + mismatch->declared +
                              " but its line records give " + mismatch->counted +
                              " (gatekit uses the records)");
  }
}

} // namespace detail

namespace {

bool looks_like_lcov(std::string_view text) {
  for (const std::string_view start : {"TN:", "SF:", "VER:"}) {
    if (text.substr(0, start.size()) == start) {
      return true;
    }
  }
  return false;
}

} // namespace

Result<CoverageReport> parse_coverage(std::string bytes, const std::string& source) {
  std::string_view start = bytes;
  if (start.substr(0, 3) == "\xEF\xBB\xBF") {
    start.remove_prefix(3);
  }
  start = trim(start);
  if (looks_like_lcov(start)) {
    return parse_lcov(bytes, source);
  }
  const bool utf16 = detect_encoding(bytes) != TextEncoding::utf8;
  if (!utf16 && !start.empty() && start.front() != '<') {
    return make_error(source,
                      "not a coverage report: expected Cobertura, JaCoCo or Clover XML, or an "
                      "LCOV tracefile (TN:/SF: records)");
  }
  // Cobertura is the format large reports come in: read it a class at a time
  // when its shape allows, the whole DOM otherwise.
  if (bytes.find("<packages") != std::string::npos) {
    if (std::optional<Result<CoverageReport>> chunked =
            detail::read_cobertura_chunked(bytes, source)) {
      return std::move(*chunked);
    }
  }
  pugi::xml_document document;
  Result<pugi::xml_node> root =
      xml::load_document(document, bytes, source,
                         xml::DocumentKind{"the coverage run wrote no report",
                                           xml::DoctypePolicy::allow_external_ids});
  if (!root) {
    return root.error();
  }
  const pugi::xml_node node = root.value();
  const std::string_view name = node.name();
  if (name == "coverage" && (node.child("project") || node.attribute("clover"))) {
    return detail::read_clover(node, source);
  }
  if (name == "coverage") {
    return detail::read_cobertura(node, source);
  }
  if (name == "report") {
    return detail::read_jacoco(node, source);
  }
  if (name == "testsuites" || name == "testsuite") {
    return xml::error_at(node, source,
                         "this is a JUnit test report (<" + std::string(name) +
                             ">); use junit-gate for it");
  }
  return xml::error_at(
      node, source,
      "expected a Cobertura or Clover <coverage> or a JaCoCo <report> root element, got <" +
          truncate_utf8(name, 60, "…") + ">");
}

} // namespace gatekit::coverage
