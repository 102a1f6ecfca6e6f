#include "options.hpp"

#include <gatekit/common/command_line.hpp>

namespace manifest_gen {
namespace {

const std::vector<std::string> k_list_options = {"artifact"};

cxxopts::Options make_options() {
  cxxopts::Options options(
      "manifest-gen",
      "Write a deployment manifest (version, provenance, gate evidence, artifact digests),\n"
      "or verify one: manifest-gen verify MANIFEST [--artifact-dir DIR].\n"
      "Exit status: 0 written or verified, 1 a mismatch (or a failed gate with\n"
      "--require-gates), 2 usage or input error.");
  // One option per line reads better than the formatter's packing of the chain.
  // clang-format off
  options.add_options()
    ("out", "Where to write the manifest", cxxopts::value<std::string>()->default_value("deployment-manifest.json"))
    ("format", "gatekit (the deployment manifest) or in-toto (an in-toto Statement with a SLSA v1 predicate)",
               cxxopts::value<std::string>()->default_value("gatekit"))
    ("predicate", "Also write the SLSA provenance predicate alone (for GitHub's attestation actions)",
                  cxxopts::value<std::string>())
    ("version", "The version, instead of the one from the tag or commit", cxxopts::value<std::string>())
    ("environment", "The environment deployed to (e.g. staging, production)", cxxopts::value<std::string>())
    ("strategy", "The deployment strategy: blue-green, rolling or canary", cxxopts::value<std::string>())
    ("junit-report", "junit-gate's --report-json, embedded as test evidence", cxxopts::value<std::string>())
    ("coverage-report", "coverage-gate's --report-json, embedded as coverage evidence", cxxopts::value<std::string>())
    ("health-report", "health-check's --report-json, embedded as health evidence", cxxopts::value<std::string>())
    ("flags-report", "flag-validate's --report-json, embedded as feature-flag evidence", cxxopts::value<std::string>())
    ("artifact", "A file the deployment ships (globs allowed); repeatable, one per line",
                 cxxopts::value<std::vector<std::string>>())
    ("flags-file", "The feature-flag file, whose digest is recorded", cxxopts::value<std::string>())
    ("checksums", "Also write the artifacts' digests in sha256sum format", cxxopts::value<std::string>())
    ("require-gates", "Exit 1 unless gates_passed is true and some gate evidence is embedded",
                      cxxopts::value<bool>()->default_value("false"))
    ("verify", "Verify this manifest instead of writing one", cxxopts::value<std::string>())
    ("artifact-dir", "With --verify: where the artifacts are (default: their recorded paths)",
                     cxxopts::value<std::string>())
    ("min-version", "With --verify: the manifest's version must be at least this SemVer",
                    cxxopts::value<std::string>())
    ("version-info", "Print the tool's version and exit")
    ("h,help", "Print this help and exit");
  // clang-format on
  options.positional_help("[verify MANIFEST]");
  options.add_options("positional")("command", "", cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"command"});
  return options;
}

} // namespace

gatekit::Result<Options> parse_options(int argc, const char* const* argv) {
  cxxopts::Options spec = make_options();
  gatekit::Result<cxxopts::ParseResult> parsed =
      gatekit::parse_command_line(spec, argc, argv, k_list_options, {"command"});
  if (!parsed) {
    return parsed.error();
  }
  const cxxopts::ParseResult& args = parsed.value();
  Options options;
  options.info = gatekit::read_info_request(args, spec.help({""}), "version-info");
  if (options.info.any()) {
    return options;
  }
  const std::vector<std::string> command = args.count("command") > 0
                                               ? args["command"].as<std::vector<std::string>>()
                                               : std::vector<std::string>();
  options.verify = gatekit::string_option(args, "verify");
  if (!command.empty()) {
    if (command[0] != "verify" || command.size() != 2 || !options.verify.empty()) {
      return gatekit::Error{"expected 'verify MANIFEST' or options only (see --help)", {}};
    }
    options.verify = command[1];
  }
  options.out = args["out"].as<std::string>();
  options.format = args["format"].as<std::string>();
  if (options.format != "gatekit" && options.format != "in-toto") {
    return gatekit::Error{"--format: '" + options.format + "' is not gatekit or in-toto", {}};
  }
  options.predicate = gatekit::string_option(args, "predicate");
  options.version = gatekit::string_option(args, "version");
  options.environment = gatekit::string_option(args, "environment");
  options.strategy = gatekit::string_option(args, "strategy");
  if (!options.strategy.empty() && options.strategy != "blue-green" &&
      options.strategy != "rolling" && options.strategy != "canary") {
    return gatekit::Error{
        "--strategy: '" + options.strategy + "' is not blue-green, rolling or canary", {}};
  }
  for (const auto& [kind, option] :
       {std::pair{"tests", "junit-report"}, std::pair{"coverage", "coverage-report"},
        std::pair{"health", "health-report"}, std::pair{"flags", "flags-report"}}) {
    const std::string path = gatekit::string_option(args, option);
    if (!path.empty()) {
      options.reports.emplace_back(kind, path);
    }
  }
  options.artifacts = gatekit::list_option(args, "artifact");
  options.flags_file = gatekit::string_option(args, "flags-file");
  options.checksums = gatekit::string_option(args, "checksums");
  options.require_gates = args["require-gates"].as<bool>();
  options.artifact_dir = gatekit::string_option(args, "artifact-dir");
  const std::string min_version = gatekit::string_option(args, "min-version");
  if (!min_version.empty()) {
    options.min_version = gatekit::manifest::parse_semver(min_version);
    if (!options.min_version) {
      return gatekit::Error{"--min-version: '" + min_version + "' is not a SemVer version", {}};
    }
  }
  if (options.verify.empty() && (!options.artifact_dir.empty() || options.min_version)) {
    return gatekit::Error{"--artifact-dir and --min-version go with verify", {}};
  }
  return options;
}

} // namespace manifest_gen
