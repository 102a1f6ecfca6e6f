// junit-gate: computes the real pass rate of JUnit/xUnit XML reports and
// gates on it. Glue only: options in, library calls, outputs and exit code out.

#include "options.hpp"

#include <gatekit/common/cli.hpp>
#include <gatekit/common/file_io.hpp>
#include <gatekit/common/input_paths.hpp>
#include <gatekit/github/context.hpp>
#include <gatekit/junit/gate.hpp>
#include <gatekit/junit/load.hpp>
#include <gatekit/junit/publish.hpp>

#include <iostream>
#include <optional>

namespace {

using gatekit::ExitCode;

constexpr const char* k_tool = "junit-gate";

// The quarantine file's patterns; an absent option gives an empty filter.
gatekit::Result<gatekit::junit::TestFilter> load_quarantine(const std::string& path) {
  if (path.empty()) {
    return gatekit::junit::TestFilter();
  }
  gatekit::Result<std::string> text = gatekit::read_file(path);
  if (!text) {
    return text.error();
  }
  gatekit::Result<std::vector<std::string>> patterns =
      gatekit::junit::parse_quarantine(text.value(), path);
  if (!patterns) {
    return patterns.error();
  }
  return gatekit::junit::TestFilter(std::move(patterns.value()));
}

ExitCode run(int argc, const char* const* argv) {
  gatekit::Result<junit_gate::Options> parsed = junit_gate::parse_options(argc, argv);
  if (!parsed) {
    return gatekit::report_input_error(k_tool, parsed.error().to_string());
  }
  junit_gate::Options& options = parsed.value();
  if (const std::optional<ExitCode> answered =
          gatekit::answer_info_request(k_tool, options.info, std::cout)) {
    return *answered;
  }

  gatekit::Result<gatekit::junit::TestFilter> quarantine = load_quarantine(options.quarantine_file);
  if (!quarantine) {
    return gatekit::report_input_error(k_tool, quarantine.error().to_string());
  }
  options.policy.quarantine = std::move(quarantine.value());
  gatekit::Result<std::vector<std::string>> paths =
      gatekit::expand_input_paths(options.reports, {".xml"});
  if (!paths) {
    return gatekit::report_input_error(k_tool, paths.error().to_string());
  }
  gatekit::Result<gatekit::junit::TestRun> run =
      gatekit::junit::load_reports(paths.value(), options.merge);
  if (!run) {
    return gatekit::report_input_error(k_tool, run.error().to_string());
  }

  const gatekit::junit::GateResult result = gatekit::junit::evaluate(run.value(), options.policy);
  const gatekit::github::Context context =
      gatekit::github::read_context(gatekit::github::process_environment());
  gatekit::junit::RenderOptions render;
  render.workspaces = context.workspaces();
  render.max_annotations = options.max_annotations;
  const gatekit::junit::PublishTargets targets{options.report_json, options.summary_markdown};
  const gatekit::Status published =
      gatekit::junit::publish_results(run.value(), result, render, context, targets, std::cout);
  if (!published) {
    return gatekit::report_input_error(k_tool, published.error().to_string());
  }
  return result.passed ? ExitCode::gate_passed : ExitCode::gate_failed;
}

} // namespace

int main(int argc, char** argv) {
  return gatekit::run_tool(k_tool, [&] { return run(argc, argv); });
}
