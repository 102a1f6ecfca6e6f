#pragma once

#include <gatekit/common/error.hpp>

#include <string>
#include <vector>

namespace gatekit {

// Runs `argv` (no shell) in `directory` and returns its standard output.
// Fails, quoting the program's stderr, when it cannot start or exits non-zero.
Result<std::string> run_capture(const std::vector<std::string>& argv, const std::string& directory);

} // namespace gatekit
