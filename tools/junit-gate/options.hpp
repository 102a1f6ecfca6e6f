#pragma once

// junit-gate's command line, parsed into a plain struct.

#include <gatekit/common/cli.hpp>
#include <gatekit/common/error.hpp>
#include <gatekit/junit/gate.hpp>
#include <gatekit/junit/merge.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace junit_gate {

// What the command line asks for. Files are not read here.
struct Options {
  gatekit::InfoRequest info;         // --help or --version instead of work
  std::vector<std::string> reports;  // files, directories, globs
  gatekit::junit::GatePolicy policy; // quarantine not yet loaded
  std::string quarantine_file;       // "" for none
  gatekit::junit::MergeOptions merge;
  std::string report_json;      // "" for none
  std::string summary_markdown; // "" for none
  std::size_t max_annotations = 10;
};

// Parses argv as GitHub's runner or a shell passes it; fails with a usage
// message on unknown options, bad values or a single-value option given twice.
gatekit::Result<Options> parse_options(int argc, const char* const* argv);

} // namespace junit_gate
