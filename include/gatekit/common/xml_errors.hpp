#pragma once

#include <gatekit/common/error.hpp>

#include <string>

namespace gatekit {

// Fills in the line and column of an error from one of gatekit's XML parsers,
// given the same bytes that were parsed: the parsers work in place, so they
// report a byte offset and the caller, who can still read the file, turns it
// into a line only when an error actually happens.
Error locate_xml_error(Error error, std::string original_bytes);

} // namespace gatekit
