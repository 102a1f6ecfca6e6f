#pragma once

#include <gatekit/common/error.hpp>
#include <gatekit/junit/report.hpp>

#include <string>

namespace gatekit::junit {

// Parses one JUnit/xUnit XML document. `bytes` is consumed (parsed in place,
// so a 50 MB report is not copied); `source` names it in errors. Accepts UTF-8
// with or without BOM, UTF-16 and Latin-1 (by BOM or declaration), a root
// <testsuites> or <testsuite>, nested suites and every common producer's
// dialect. Fails, with line and column, on empty or malformed XML, a DOCTYPE
// declaring entities or external ids, a non-JUnit root (naming the format,
// e.g. NUnit's <test-run>), and non-numeric count/time/line attributes.
// Errors carry a byte offset (where.offset), not yet a line: see
// locate_xml_error() in <gatekit/common/xml_errors.hpp>.
Result<Report> parse_junit(std::string bytes, const std::string& source);

} // namespace gatekit::junit
