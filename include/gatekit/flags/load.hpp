#pragma once

// The I/O edge of flag-validate: reads the files a run names and hands their
// text to the pure parsers and checks.

#include <gatekit/common/error.hpp>
#include <gatekit/flags/model.hpp>
#include <gatekit/flags/report.hpp>

#include <string>
#include <utility>
#include <vector>

namespace gatekit::flags {

// Reads and parses one flag file.
Result<FlagFile> load_flag_file(const std::string& path);

// What `flag-validate validate` was asked to check.
struct ValidationRequest {
  std::vector<std::string> files;
  Instant at = 0;
  bool strict = false;
  std::string policy;      // "" for none
  std::string environment; // policy section; "" for its only one
  std::string workflow;    // --env-from-workflow; "" for none
  std::string env_prefix;  // "" to ignore the process environment
  std::vector<std::pair<std::string, std::string>> environment_variables;
};

// Reads every input and runs every check. Fails (exit 2) when an input
// cannot be read or parsed; findings never fail it.
Result<ValidationRun> run_validation(const ValidationRequest& request);

} // namespace gatekit::flags
