// coverage-gate: merges coverage reports (Cobertura, JaCoCo, Clover, LCOV),
// computes line, branch and diff coverage and gates on them. Glue only.

#include "options.hpp"

#include <gatekit/common/cli.hpp>
#include <gatekit/common/file_io.hpp>
#include <gatekit/common/input_paths.hpp>
#include <gatekit/coverage/load.hpp>
#include <gatekit/coverage/render.hpp>
#include <gatekit/github/context.hpp>
#include <gatekit/github/publish.hpp>

#include <filesystem>
#include <iostream>
#include <optional>

namespace {

using gatekit::ExitCode;
namespace coverage = gatekit::coverage;

constexpr const char* k_tool = "coverage-gate";

// Reads `path` and parses it with `parse`; an empty path gives `fallback`.
template <typename T, typename Parse>
gatekit::Result<T> load_optional(const std::string& path, Parse parse, T fallback) {
  if (path.empty()) {
    return fallback;
  }
  gatekit::Result<std::string> text = gatekit::read_file(path);
  if (!text) {
    return text.error();
  }
  return parse(text.value(), path);
}

gatekit::Result<std::optional<std::vector<coverage::ChangedFile>>>
load_changes(const coverage_gate::Options& options) {
  using Changes = std::optional<std::vector<coverage::ChangedFile>>;
  if (!options.diff_base.empty()) {
    gatekit::Result<std::vector<coverage::ChangedFile>> changes =
        coverage::diff_against(options.diff_base, ".");
    return changes ? Changes(std::move(changes.value()))
                   : gatekit::Result<Changes>(changes.error());
  }
  if (!options.diff_file.empty()) {
    gatekit::Result<std::string> text = gatekit::read_file(options.diff_file);
    if (!text) {
      return text.error();
    }
    gatekit::Result<std::vector<coverage::ChangedFile>> changes =
        coverage::parse_unified_diff(text.value(), options.diff_file);
    return changes ? Changes(std::move(changes.value()))
                   : gatekit::Result<Changes>(changes.error());
  }
  return Changes();
}

ExitCode run(int argc, const char* const* argv) {
  gatekit::Result<coverage_gate::Options> parsed = coverage_gate::parse_options(argc, argv);
  if (!parsed) {
    return gatekit::report_input_error(k_tool, parsed.error().to_string());
  }
  coverage_gate::Options& options = parsed.value();
  if (const std::optional<ExitCode> answered =
          gatekit::answer_info_request(k_tool, options.info, std::cout)) {
    return *answered;
  }

  auto rules = load_optional(options.rules_file, coverage::parse_rules,
                             std::vector<coverage::CoverageRule>());
  auto baseline =
      load_optional(options.baseline_file, coverage::parse_baseline, coverage::Counts());
  auto changes = load_changes(options);
  gatekit::Result<std::vector<std::string>> paths =
      gatekit::expand_input_paths(options.reports, {".xml", ".info", ".lcov"});
  for (const gatekit::Error* error :
       {rules ? nullptr : &rules.error(), baseline ? nullptr : &baseline.error(),
        changes ? nullptr : &changes.error(), paths ? nullptr : &paths.error()}) {
    if (error != nullptr) {
      return gatekit::report_input_error(k_tool, error->to_string());
    }
  }
  options.policy.rules = std::move(rules.value());
  if (!options.baseline_file.empty()) {
    options.policy.baseline = baseline.value();
  }

  const gatekit::github::Context context =
      gatekit::github::read_context(gatekit::github::process_environment());
  options.paths.workspaces = context.workspaces();
  std::error_code ignored;
  options.paths.workspaces.push_back(std::filesystem::current_path(ignored).generic_string());
  coverage::CoverageMerger merger(options.paths, options.filter, [](const std::string& path) {
    std::error_code ec;
    return std::filesystem::exists(path, ec);
  });
  gatekit::Result<coverage::MergedCoverage> merged = coverage::load_coverage(paths.value(), merger);
  if (!merged) {
    return gatekit::report_input_error(k_tool, merged.error().to_string());
  }

  std::optional<coverage::DiffCoverage> diff;
  if (changes.value()) {
    diff = coverage::compute_diff_coverage(merged.value(), *changes.value());
  }
  const coverage::CoverageGateResult result =
      coverage::evaluate(merged.value(), diff, options.policy);
  coverage::CoverageRenderOptions render;
  render.metric = options.policy.metric;
  render.max_annotations = options.max_annotations;
  gatekit::github::Publication publication;
  publication.text = coverage::render_coverage_text(merged.value(), result, render);
  publication.markdown = coverage::render_coverage_markdown(merged.value(), result, render);
  publication.outputs = coverage::coverage_outputs(result);
  publication.annotations = coverage::uncovered_change_annotations(result, render);
  if (!options.report_json.empty()) {
    publication.files.emplace_back(options.report_json,
                                   coverage::render_coverage_json(merged.value(), result));
  }
  publication.files.emplace_back(options.summary_markdown, publication.markdown);
  if (!options.badge.empty()) {
    const auto [covered, valid] = coverage::metric_ratio(result.totals, options.policy.metric);
    publication.files.emplace_back(options.badge,
                                   coverage::render_badge_svg(covered, valid, "coverage"));
  }
  const gatekit::Status published = gatekit::github::publish(publication, context, std::cout);
  if (!published) {
    return gatekit::report_input_error(k_tool, published.error().to_string());
  }
  return result.passed ? ExitCode::gate_passed : ExitCode::gate_failed;
}

} // namespace

int main(int argc, char** argv) {
  return gatekit::run_tool(k_tool, [&] { return run(argc, argv); });
}
