#pragma once

// Internal: the XML coverage formats, each read from a loaded document's root.

#include <gatekit/common/error.hpp>
#include <gatekit/coverage/model.hpp>

#include <pugixml.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace gatekit::coverage::detail {

Result<CoverageReport> read_cobertura(pugi::xml_node root, const std::string& source);

// Reads a Cobertura report piece by piece: the root's header, then each
// <class>; shared by the DOM reader and the chunked reader for large files.
class CoberturaReader {
public:
  explicit CoberturaReader(const std::string& source);

  Status read_header(pugi::xml_node root);
  Status read_class(pugi::xml_node class_node);
  CoverageReport finish();

private:
  std::string m_source;
  CoverageReport m_report;
  std::unordered_map<std::string, std::size_t> m_index;
};

// Reads a large Cobertura report one <class> at a time, so that its DOM never
// exists whole (2 million <line> elements take ~300 MB as a DOM). `text` is
// UTF-8 and is not modified. nullopt: the text is not in the shape this path
// reads safely (comments or CDATA between classes, stray content, a fragment
// pugixml rejects) or holds an error; the caller then parses the whole
// document, which reports any error exactly.
std::optional<Result<CoverageReport>> read_cobertura_chunked(std::string_view text,
                                                             const std::string& source);
Result<CoverageReport> read_jacoco(pugi::xml_node root, const std::string& source);
Result<CoverageReport> read_clover(pugi::xml_node root, const std::string& source);

// A non-negative whole-number attribute; nullopt when absent or empty, an
// error (located at `node`) when present but not a number.
Result<std::optional<std::uint64_t>> count_attribute(pugi::xml_node node, const char* name,
                                                     const std::string& source);

// Adds a warning to `report` when its declared totals disagree with the
// counts recomputed from its records.
void warn_on_declared_mismatch(CoverageReport& report);

} // namespace gatekit::coverage::detail
