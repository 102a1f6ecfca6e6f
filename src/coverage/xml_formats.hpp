#pragma once

// Internal: the XML coverage formats, each read from a loaded document's root.

#include <gatekit/common/error.hpp>
#include <gatekit/coverage/model.hpp>

#include <pugixml.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace gatekit::coverage::detail {

Result<CoverageReport> read_cobertura(pugi::xml_node root, const std::string& source);
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
