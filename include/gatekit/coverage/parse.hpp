#pragma once

#include <gatekit/common/error.hpp>
#include <gatekit/coverage/model.hpp>

#include <string>
#include <string_view>

namespace gatekit::coverage {

// Parses one coverage report, detecting its format from the content, never the
// file name: Cobertura XML (coverage.py, gcovr, istanbul, Cobertura), JaCoCo
// XML, Clover XML (OpenClover, istanbul) or an LCOV tracefile. `bytes` is
// consumed (XML is parsed in place). Numbers are recomputed from the line
// records; header totals that disagree become warnings. Fails, located, on
// empty or malformed input, an unknown format, and non-numeric line data.
Result<CoverageReport> parse_coverage(std::string bytes, const std::string& source);

// Parses an LCOV tracefile (TN/SF/DA/BRDA/LF/LH/BRF/BRH/end_of_record);
// errors carry the 1-based line.
Result<CoverageReport> parse_lcov(std::string_view text, const std::string& source);

} // namespace gatekit::coverage
