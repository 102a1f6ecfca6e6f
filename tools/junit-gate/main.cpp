// junit-gate: computes the real pass rate of JUnit/xUnit XML reports and
// gates on it. Glue only: options in, library calls, outputs and exit code out.

// Lists are newline-separated (multi-line action inputs), never comma-separated:
// commas occur in paths and test names.
#define CXXOPTS_VECTOR_DELIMITER '\n'

#include <gatekit/common/cli.hpp>
#include <gatekit/common/file_io.hpp>
#include <gatekit/common/input_paths.hpp>
#include <gatekit/common/numbers.hpp>
#include <gatekit/github/context.hpp>
#include <gatekit/junit/gate.hpp>
#include <gatekit/junit/load.hpp>
#include <gatekit/junit/publish.hpp>

#include <cxxopts.hpp>

#include <algorithm>
#include <iostream>

namespace {

using gatekit::ExitCode;

constexpr const char* k_tool = "junit-gate";

cxxopts::Options make_options() {
  cxxopts::Options options(k_tool,
                           "Gate a CI pipeline on the real pass rate of JUnit/xUnit XML reports.\n"
                           "Exit status: 0 gate passed, 1 gate failed, 2 usage or input error.");
  options.positional_help("REPORT...").show_positional_help();
  // One option per line reads better than the formatter's packing of the chain.
  // clang-format off
  options.add_options()
    ("reports", "Report files, directories (searched for *.xml) or globs such as 'reports/**/*.xml'; "
                "repeatable, one per line", cxxopts::value<std::vector<std::string>>())
    ("min-pass-rate", "Minimum pass rate in percent: passed / (tests - skipped) * 100, flaky counted as passed",
                      cxxopts::value<std::string>()->default_value("100"))
    ("max-failures", "Maximum number of failed or errored tests allowed", cxxopts::value<std::string>())
    ("min-tests", "Minimum number of distinct tests (catches runs cut short by --maxfail)",
                  cxxopts::value<std::string>())
    ("fail-on-empty", "Fail the gate when no test ran", cxxopts::value<bool>()->default_value("true"))
    ("count-skipped", "Count skipped tests against the pass rate", cxxopts::value<bool>()->default_value("false"))
    ("critical", "Pattern of tests that must all pass whatever the rate (glob over 'classname::name', "
                 "name, file, suite or 'property=value'); repeatable", cxxopts::value<std::vector<std::string>>())
    ("quarantine", "File of known-flaky test patterns, one per line: reported but not counted",
                   cxxopts::value<std::string>())
    ("merge-retries", "Across files, a later pass of a failed test makes it flaky instead of failed",
                      cxxopts::value<bool>()->default_value("false"))
    ("report-json", "Write the results as JSON to this file", cxxopts::value<std::string>())
    ("summary-markdown", "Also write the Markdown summary to this file", cxxopts::value<std::string>())
    ("max-annotations", "Maximum number of failure annotations in GitHub Actions",
                        cxxopts::value<std::string>()->default_value("10"))
    ("version", "Print the version and exit")
    ("h,help", "Print this help and exit");
  // clang-format on
  options.parse_positional({"reports"});
  return options;
}

// Options that take a list; every other option may be given once.
const std::vector<std::string> k_list_options = {"reports", "critical"};

// A whole-number option's value, nullopt when it was not given.
gatekit::Result<std::optional<std::uint64_t>> count_option(const cxxopts::ParseResult& args,
                                                           const std::string& name) {
  if (args.count(name) == 0) {
    return std::optional<std::uint64_t>();
  }
  const std::string text = args[name].as<std::string>();
  const std::optional<std::uint64_t> value = gatekit::parse_count(text);
  if (!value) {
    return gatekit::Error{"--" + name + ": '" + text + "' is not a whole number", {}};
  }
  return value;
}

ExitCode run(int argc, const char* const* argv) {
  cxxopts::Options options = make_options();
  const std::vector<std::string> kept = gatekit::normalise_args(argc, argv, k_list_options);
  std::vector<const char*> kept_argv;
  for (const std::string& arg : kept) {
    kept_argv.push_back(arg.c_str());
  }
  const cxxopts::ParseResult args =
      options.parse(static_cast<int>(kept_argv.size()), kept_argv.data());
  if (args.count("help") > 0) {
    std::cout << options.help() << '\n';
    return ExitCode::gate_passed;
  }
  if (args.count("version") > 0) {
    std::cout << k_tool << ' ' << GATEKIT_VERSION << '\n';
    return ExitCode::gate_passed;
  }

  for (const cxxopts::KeyValue& given : args.arguments()) {
    const bool list = std::find(k_list_options.begin(), k_list_options.end(), given.key()) !=
                      k_list_options.end();
    if (!list && args.count(given.key()) > 1) {
      return gatekit::report_input_error(k_tool, "--" + given.key() + " is given more than once");
    }
  }

  gatekit::junit::GatePolicy policy;
  const std::optional<gatekit::Percent> rate =
      gatekit::parse_percent(args["min-pass-rate"].as<std::string>());
  if (!rate) {
    return gatekit::report_input_error(k_tool, "--min-pass-rate: '" +
                                                   args["min-pass-rate"].as<std::string>() +
                                                   "' is not a percentage from 0 to 100");
  }
  policy.min_pass_rate = *rate;
  const auto max_failures = count_option(args, "max-failures");
  const auto min_tests = count_option(args, "min-tests");
  const auto max_annotations = count_option(args, "max-annotations");
  for (const auto* count : {&max_failures, &min_tests, &max_annotations}) {
    if (!*count) {
      return gatekit::report_input_error(k_tool, count->error().message);
    }
  }
  policy.max_failures = max_failures.value();
  policy.min_tests = min_tests.value();
  policy.fail_on_empty = args["fail-on-empty"].as<bool>();
  policy.skipped_count_against = args["count-skipped"].as<bool>();
  if (args.count("critical") > 0) {
    policy.critical = gatekit::junit::TestFilter(
        gatekit::split_list_values(args["critical"].as<std::vector<std::string>>()));
  }
  if (args.count("quarantine") > 0) {
    const std::string path = args["quarantine"].as<std::string>();
    gatekit::Result<std::string> text = gatekit::read_file(path);
    gatekit::Result<std::vector<std::string>> patterns =
        text ? gatekit::junit::parse_quarantine(text.value(), path) : text.error();
    if (!patterns) {
      return gatekit::report_input_error(k_tool, patterns.error().to_string());
    }
    policy.quarantine = gatekit::junit::TestFilter(std::move(patterns.value()));
  }

  const std::vector<std::string> entries =
      args.count("reports") > 0
          ? gatekit::split_list_values(args["reports"].as<std::vector<std::string>>())
          : std::vector<std::string>();
  if (entries.empty()) {
    return gatekit::report_input_error(k_tool, "no report given: pass files, directories or globs "
                                               "(see --help)");
  }
  gatekit::Result<std::vector<std::string>> paths = gatekit::expand_input_paths(entries, ".xml");
  if (!paths) {
    return gatekit::report_input_error(k_tool, paths.error().to_string());
  }
  gatekit::junit::MergeOptions merge;
  merge.merge_retries = args["merge-retries"].as<bool>();
  gatekit::Result<gatekit::junit::TestRun> run = gatekit::junit::load_reports(paths.value(), merge);
  if (!run) {
    return gatekit::report_input_error(k_tool, run.error().to_string());
  }

  const gatekit::junit::GateResult result = gatekit::junit::evaluate(run.value(), policy);
  const gatekit::github::Context context =
      gatekit::github::read_context(gatekit::github::process_environment());
  gatekit::junit::RenderOptions render;
  render.workspaces = context.workspaces();
  render.max_annotations = *max_annotations.value();
  gatekit::junit::PublishTargets targets;
  targets.report_json = args.count("report-json") > 0 ? args["report-json"].as<std::string>() : "";
  targets.markdown =
      args.count("summary-markdown") > 0 ? args["summary-markdown"].as<std::string>() : "";
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
