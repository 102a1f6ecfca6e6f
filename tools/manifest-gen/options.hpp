#pragma once

// manifest-gen's command line, parsed into a plain struct.

#include <gatekit/common/cli.hpp>
#include <gatekit/common/error.hpp>
#include <gatekit/manifest/semver.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace manifest_gen {

// What the command line asks for. Files are not read here.
struct Options {
  gatekit::InfoRequest info; // --help or --version instead of work
  std::string verify;        // a manifest to verify ("verify M" or --verify M); "" to write one
  // Writing:
  std::string out = "deployment-manifest.json";
  std::string format = "gatekit"; // gatekit | in-toto
  std::string predicate;
  std::string version;
  std::string environment;
  std::string strategy;
  std::vector<std::pair<std::string, std::string>>
      reports; // (kind, path): tests, coverage, health, flags
  std::vector<std::string> artifacts;
  std::string flags_file;
  std::string checksums;
  // Both:
  bool require_gates = false;
  // Verifying:
  std::string artifact_dir;
  std::optional<gatekit::manifest::SemVer> min_version;
};

// Parses argv; fails with a usage message on unknown options or bad values.
gatekit::Result<Options> parse_options(int argc, const char* const* argv);

} // namespace manifest_gen
