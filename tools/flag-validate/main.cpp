// flag-validate: proves a feature-flag file is sound for the environment it
// ships to, shows each flag's state at an instant (eval), and compares two
// files (diff). Glue only: options in, library calls, outputs and exit code out.

#include "options.hpp"

#include <gatekit/common/cli.hpp>
#include <gatekit/common/text.hpp>
#include <gatekit/flags/check.hpp>
#include <gatekit/flags/diff.hpp>
#include <gatekit/flags/evaluate.hpp>
#include <gatekit/flags/load.hpp>
#include <gatekit/flags/report.hpp>
#include <gatekit/github/context.hpp>

#include <chrono>
#include <iostream>
#include <optional>

extern char** environ; // POSIX: the process environment, for --env-prefix

namespace {

using gatekit::ExitCode;
namespace flags = gatekit::flags;

constexpr const char* k_tool = "flag-validate";

flags::Instant now() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::vector<std::pair<std::string, std::string>> process_variables() {
  std::vector<std::pair<std::string, std::string>> variables;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string text = *entry;
    const std::size_t equals = text.find('=');
    if (equals != std::string::npos) {
      variables.emplace_back(text.substr(0, equals), text.substr(equals + 1));
    }
  }
  return variables;
}

ExitCode validate(const flag_validate::Options& options) {
  flags::ValidationRequest request;
  request.files = options.files;
  request.at = options.at.value_or(now());
  request.strict = options.strict;
  request.policy = options.policy;
  request.environment = options.environment;
  request.workflow = options.env_from_workflow;
  request.env_prefix = options.env_prefix;
  if (!options.env_prefix.empty()) {
    request.environment_variables = process_variables();
  }
  gatekit::Result<flags::ValidationRun> run = flags::run_validation(request);
  if (!run) {
    return gatekit::report_input_error(k_tool, run.error().to_string());
  }
  const gatekit::github::Context context =
      gatekit::github::read_context(gatekit::github::process_environment());
  flags::RenderOptions render;
  render.max_annotations = options.max_annotations;
  render.workspaces = context.workspaces();
  const gatekit::Status published = flags::publish_validation(
      run.value(), render, context, {options.report_json, options.summary_markdown}, std::cout);
  if (!published) {
    return gatekit::report_input_error(k_tool, published.error().to_string());
  }
  return run.value().verdict.passed() ? ExitCode::gate_passed : ExitCode::gate_failed;
}

ExitCode eval(const flag_validate::Options& options) {
  gatekit::Result<flags::FlagFile> file = flags::load_flag_file(options.files.front());
  if (!file) {
    return gatekit::report_input_error(k_tool, file.error().to_string());
  }
  if (const std::size_t errors = flags::decide(file.value().findings, false).errors; errors > 0) {
    std::cerr << k_tool << ": note: " << gatekit::single_line(file.value().path) << " has "
              << errors << " error(s); 'flag-validate " << gatekit::single_line(file.value().path)
              << "' lists them\n";
  }
  const flags::EvalContext context{options.at.value_or(now()), options.user, options.region};
  const std::vector<flags::FlagEvaluation> results = flags::evaluate_flags(file.value(), context);
  std::cout << (options.json ? flags::render_eval_json(file.value(), context, results)
                             : flags::render_eval_text(file.value(), context, results));
  return ExitCode::gate_passed;
}

ExitCode diff(const flag_validate::Options& options) {
  gatekit::Result<flags::FlagFile> before = flags::load_flag_file(options.files[0]);
  if (!before) {
    return gatekit::report_input_error(k_tool, before.error().to_string());
  }
  gatekit::Result<flags::FlagFile> after = flags::load_flag_file(options.files[1]);
  if (!after) {
    return gatekit::report_input_error(k_tool, after.error().to_string());
  }
  const std::vector<flags::FlagChange> changes = flags::diff_flags(before.value(), after.value());
  std::cout << (options.json ? flags::render_diff_json(before.value(), after.value(), changes)
                             : flags::render_diff_text(before.value(), after.value(), changes));
  return options.fail_on_change && !changes.empty() ? ExitCode::gate_failed : ExitCode::gate_passed;
}

ExitCode run(int argc, const char* const* argv) {
  gatekit::Result<flag_validate::Options> parsed = flag_validate::parse_options(argc, argv);
  if (!parsed) {
    return gatekit::report_input_error(k_tool, parsed.error().to_string());
  }
  const flag_validate::Options& options = parsed.value();
  if (const std::optional<ExitCode> answered =
          gatekit::answer_info_request(k_tool, options.info, std::cout)) {
    return *answered;
  }
  switch (options.command) {
  case flag_validate::Command::eval:
    return eval(options);
  case flag_validate::Command::diff:
    return diff(options);
  case flag_validate::Command::validate:
    break;
  }
  return validate(options);
}

} // namespace

int main(int argc, char** argv) {
  return gatekit::run_tool(k_tool, [&] { return run(argc, argv); });
}
