#include "options.hpp"

#include <gatekit/common/command_line.hpp>

namespace coverage_gate {
namespace {

const std::vector<std::string> k_list_options = {"reports", "include", "exclude", "strip-prefix",
                                                 "path-map"};

cxxopts::Options make_options() {
  cxxopts::Options options(
      "coverage-gate",
      "Gate a CI pipeline on line, branch and diff coverage from Cobertura, JaCoCo, Clover\n"
      "or LCOV reports, merged across shards.\n"
      "Exit status: 0 gate passed, 1 gate failed, 2 usage or input error.");
  options.positional_help("REPORT...").show_positional_help();
  // One option per line reads better than the formatter's packing of the chain.
  // clang-format off
  options.add_options()
    ("reports", "Coverage reports: files, directories or globs such as 'coverage/**/*.xml'; repeatable, "
                "one per line; the format is detected from the content",
                cxxopts::value<std::vector<std::string>>())
    ("min-line", "Minimum line coverage in percent", cxxopts::value<std::string>())
    ("min-branch", "Minimum branch coverage in percent", cxxopts::value<std::string>())
    ("min-combined", "Minimum combined coverage in percent: (covered lines + covered branches) / "
                     "(lines + branches), as coverage.py's --fail-under with branch coverage",
                     cxxopts::value<std::string>())
    ("metric", "The headline metric for --min-file, --rules, --max-drop and the badge: line, branch "
               "or combined", cxxopts::value<std::string>()->default_value("line"))
    ("min-file", "Minimum coverage of every single file, by --metric", cxxopts::value<std::string>())
    ("rules", "YAML file mapping globs to minimum percent over the matching files, e.g. "
              "'infrastructure/**: 85'", cxxopts::value<std::string>())
    ("baseline", "An earlier run's --report-json, for --max-drop", cxxopts::value<std::string>())
    ("max-drop", "Maximum drop in percentage points of --metric below the baseline",
                 cxxopts::value<std::string>())
    ("diff-file", "Unified diff of the change, for diff coverage", cxxopts::value<std::string>())
    ("diff-base", "Compute the diff with 'git diff BASE...HEAD' in the working directory",
                  cxxopts::value<std::string>())
    ("min-diff", "Minimum coverage of the changed lines in percent", cxxopts::value<std::string>())
    ("include", "Only count files matching these globs; repeatable", cxxopts::value<std::vector<std::string>>())
    ("exclude", "Leave out files matching these globs (e.g. 'tests/*'); repeatable",
                cxxopts::value<std::vector<std::string>>())
    ("strip-prefix", "Remove this prefix from report paths (e.g. /app/); repeatable",
                     cxxopts::value<std::vector<std::string>>())
    ("path-map", "Replace a report path prefix: FROM=TO (e.g. /app/src=src); repeatable",
                 cxxopts::value<std::vector<std::string>>())
    ("source-root", "Directory, relative to the repository, that relative report paths start from",
                    cxxopts::value<std::string>())
    ("report-json", "Write the results as JSON to this file", cxxopts::value<std::string>())
    ("summary-markdown", "Also write the Markdown summary to this file", cxxopts::value<std::string>())
    ("badge", "Write a coverage badge (SVG) of --metric to this file", cxxopts::value<std::string>())
    ("max-annotations", "Maximum number of annotations on uncovered changed lines",
                        cxxopts::value<std::string>()->default_value("10"))
    ("version", "Print the version and exit")
    ("h,help", "Print this help and exit");
  // clang-format on
  options.parse_positional({"reports"});
  return options;
}

} // namespace

gatekit::Result<Options> parse_options(int argc, const char* const* argv) {
  cxxopts::Options spec = make_options();
  gatekit::Result<cxxopts::ParseResult> parsed =
      gatekit::parse_command_line(spec, argc, argv, k_list_options, {"reports"});
  if (!parsed) {
    return parsed.error();
  }
  const cxxopts::ParseResult& args = parsed.value();

  Options options;
  options.info = gatekit::read_info_request(args, spec.help());
  if (options.info.any()) {
    return options;
  }

  gatekit::coverage::CoveragePolicy& policy = options.policy;
  const std::pair<const char*, std::optional<gatekit::Percent>*> minimums[] = {
      {"min-line", &policy.min_line},         {"min-branch", &policy.min_branch},
      {"min-combined", &policy.min_combined}, {"min-file", &policy.min_file},
      {"max-drop", &policy.max_drop},         {"min-diff", &policy.min_diff}};
  for (const auto& [name, target] : minimums) {
    gatekit::Result<std::optional<gatekit::Percent>> value =
        gatekit::optional_percent_option(args, name);
    if (!value) {
      return value.error();
    }
    *target = value.value();
  }
  const std::string metric = args["metric"].as<std::string>();
  if (metric == "line") {
    policy.metric = gatekit::coverage::Metric::line;
  } else if (metric == "branch") {
    policy.metric = gatekit::coverage::Metric::branch;
  } else if (metric == "combined") {
    policy.metric = gatekit::coverage::Metric::combined;
  } else {
    return gatekit::Error{"--metric: '" + metric + "' is not line, branch or combined", {}};
  }
  const gatekit::Result<std::uint64_t> max_annotations =
      gatekit::count_option(args, "max-annotations");
  if (!max_annotations) {
    return max_annotations.error();
  }
  options.max_annotations = static_cast<std::size_t>(max_annotations.value());

  for (const std::string& map : gatekit::list_option(args, "path-map")) {
    const size_t equals = map.find('=');
    if (equals == std::string::npos || equals == 0) {
      return gatekit::Error{"--path-map: '" + map + "' is not FROM=TO", {}};
    }
    options.paths.maps.emplace_back(map.substr(0, equals), map.substr(equals + 1));
  }
  options.paths.strip_prefixes = gatekit::list_option(args, "strip-prefix");
  options.paths.source_root = gatekit::string_option(args, "source-root");
  options.filter.include = gatekit::list_option(args, "include");
  options.filter.exclude = gatekit::list_option(args, "exclude");
  options.rules_file = gatekit::string_option(args, "rules");
  options.baseline_file = gatekit::string_option(args, "baseline");
  options.diff_file = gatekit::string_option(args, "diff-file");
  options.diff_base = gatekit::string_option(args, "diff-base");
  options.report_json = gatekit::string_option(args, "report-json");
  options.summary_markdown = gatekit::string_option(args, "summary-markdown");
  options.badge = gatekit::string_option(args, "badge");
  if (!options.diff_file.empty() && !options.diff_base.empty()) {
    return gatekit::Error{"give --diff-file or --diff-base, not both", {}};
  }
  if (policy.max_drop && options.baseline_file.empty()) {
    return gatekit::Error{"--max-drop needs --baseline (an earlier run's --report-json)", {}};
  }
  options.reports = gatekit::list_option(args, "reports");
  if (options.reports.empty()) {
    return gatekit::Error{"no report given: pass files, directories or globs (see --help)", {}};
  }
  return options;
}

} // namespace coverage_gate
