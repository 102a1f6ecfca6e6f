// health-check: probes a deployment and the machine it runs on, and gates on
// the result. Glue only: options in, library calls, outputs and exit code out.

#include "options.hpp"

#include <gatekit/common/cli.hpp>
#include <gatekit/common/file_io.hpp>
#include <gatekit/github/context.hpp>
#include <gatekit/github/publish.hpp>
#include <gatekit/health/config.hpp>
#include <gatekit/health/probes.hpp>
#include <gatekit/health/publish.hpp>
#include <gatekit/health/runner.hpp>

#include <iostream>
#include <optional>
#include <set>

namespace {

using gatekit::ExitCode;

constexpr const char* k_tool = "health-check";

// The config file's checks, then those given as options; names must be unique
// because they label results and metrics.
gatekit::Result<gatekit::health::Config> load_checks(const health_check::Options& options,
                                                     const gatekit::github::EnvLookup& env) {
  gatekit::health::Config config;
  if (!options.config_file.empty()) {
    gatekit::Result<std::string> text = gatekit::read_file(options.config_file);
    if (!text) {
      return text.error();
    }
    gatekit::Result<gatekit::health::Config> parsed =
        gatekit::health::parse_config(text.value(), options.config_file, env, options.defaults);
    if (!parsed) {
      return parsed.error();
    }
    config = std::move(parsed.value());
  }
  std::set<std::string> names;
  for (const gatekit::health::Check& check : config.checks) {
    names.insert(check.name);
  }
  for (const gatekit::health::Check& check : options.checks) {
    if (!names.insert(check.name).second) {
      return gatekit::Error{"the check \"" + check.name + "\" is given twice", {}};
    }
    config.checks.push_back(check);
  }
  return config;
}

ExitCode run(int argc, const char* const* argv) {
  gatekit::Result<health_check::Options> parsed = health_check::parse_options(argc, argv);
  if (!parsed) {
    return gatekit::report_input_error(k_tool, parsed.error().to_string());
  }
  health_check::Options& options = parsed.value();
  if (const std::optional<ExitCode> answered =
          gatekit::answer_info_request(k_tool, options.info, std::cout)) {
    return *answered;
  }
  const gatekit::github::EnvLookup env = gatekit::github::process_environment();
  gatekit::Result<gatekit::health::Config> config = load_checks(options, env);
  if (!config) {
    return gatekit::report_input_error(k_tool, config.error().to_string());
  }
  const gatekit::Status writable = gatekit::github::check_output_paths(
      {options.targets.report_json, options.targets.prometheus_file,
       options.targets.summary_markdown});
  if (!writable) {
    return gatekit::report_input_error(k_tool, writable.error().to_string());
  }
  gatekit::health::initialise_probes();
  const std::vector<std::string> secrets = gatekit::health::with_url_forms(config.value().secrets);
  options.run.secrets = secrets;
  const gatekit::health::HealthRun result =
      gatekit::health::run_checks(config.value().checks, options.run);
  const gatekit::github::Context context = gatekit::github::read_context(env);
  const gatekit::Status published =
      gatekit::health::publish_health(result, secrets, context, options.targets, std::cout);
  if (!published) {
    return gatekit::report_input_error(k_tool, published.error().to_string());
  }
  return gatekit::health::is_healthy(result.checks) ? ExitCode::gate_passed : ExitCode::gate_failed;
}

} // namespace

int main(int argc, char** argv) {
  return gatekit::run_tool(k_tool, [&] { return run(argc, argv); });
}
