#pragma once

// health-check's command line, parsed into a plain struct.

#include <gatekit/common/cli.hpp>
#include <gatekit/common/error.hpp>
#include <gatekit/health/check.hpp>
#include <gatekit/health/config.hpp>
#include <gatekit/health/publish.hpp>
#include <gatekit/health/runner.hpp>

#include <string>
#include <vector>

namespace health_check {

// What the command line asks for. The config file is not read here.
struct Options {
  gatekit::InfoRequest info; // --help or --version instead of work
  std::string config_file;   // "" for none
  // Checks given as options (--url, --tcp, --disk, --min-memory, --files),
  // with built-in defaults; `defaults` is applied to them and to the file's.
  std::vector<gatekit::health::Check> checks;
  gatekit::health::CheckDefaults defaults;
  gatekit::health::RunOptions run;
  gatekit::health::PublishTargets targets;
};

// Parses argv as GitHub's runner or a shell passes it; fails with a usage
// message on unknown options, bad values or a single-value option given twice.
gatekit::Result<Options> parse_options(int argc, const char* const* argv);

} // namespace health_check
