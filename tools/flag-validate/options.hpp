#pragma once

// flag-validate's command line, parsed into a plain struct.

#include <gatekit/common/cli.hpp>
#include <gatekit/common/error.hpp>
#include <gatekit/flags/model.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace flag_validate {

enum class Command { validate, eval, diff };

// What the command line asks for. Files are not read here.
struct Options {
  Command command = Command::validate;
  gatekit::InfoRequest info; // --help or --version instead of work
  std::vector<std::string> files;
  std::optional<gatekit::flags::Instant> at; // --at; nullopt: now
  // validate
  bool strict = false;
  std::string policy;            // "" for none
  std::string environment;       // the policy section
  std::string env_from_workflow; // "" for none
  std::string env_prefix;        // "" for none
  std::string report_json;       // "" for none
  std::string summary_markdown;  // "" for none
  std::size_t max_annotations = 10;
  // eval
  std::optional<std::string> user;
  std::optional<std::string> region;
  bool json = false; // eval and diff
  // diff
  bool fail_on_change = false;
};

// Parses argv ("flag-validate [validate|eval|diff] ..."); fails with a usage
// message on unknown options, bad values or a wrong number of files.
gatekit::Result<Options> parse_options(int argc, const char* const* argv);

} // namespace flag_validate
