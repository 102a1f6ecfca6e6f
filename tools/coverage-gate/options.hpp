#pragma once

// coverage-gate's command line, parsed into a plain struct.

#include <gatekit/common/cli.hpp>
#include <gatekit/common/error.hpp>
#include <gatekit/coverage/gate.hpp>
#include <gatekit/coverage/merge.hpp>
#include <gatekit/coverage/paths.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace coverage_gate {

// What the command line asks for. Files are not read here.
struct Options {
  gatekit::InfoRequest info;        // --help or --version instead of work
  std::vector<std::string> reports; // files, directories, globs
  gatekit::coverage::PathOptions paths;
  gatekit::coverage::PathFilter filter;
  gatekit::coverage::CoveragePolicy policy; // rules and baseline not yet loaded
  std::string rules_file;
  std::string baseline_file;
  std::string diff_file;
  std::string diff_base;
  std::string report_json;
  std::string summary_markdown;
  std::string badge;
  std::size_t max_annotations = 10;
};

// Parses argv; fails with a usage message on unknown options, bad values or a
// single-value option given twice.
gatekit::Result<Options> parse_options(int argc, const char* const* argv);

} // namespace coverage_gate
