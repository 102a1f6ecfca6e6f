#include "options.hpp"

#include <gatekit/common/command_line.hpp>

namespace junit_gate {
namespace {

// Options that take a list; every other option may be given once.
const std::vector<std::string> k_list_options = {"reports", "critical"};

cxxopts::Options make_options() {
  cxxopts::Options options("junit-gate",
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

  const gatekit::Result<gatekit::Percent> rate = gatekit::percent_option(args, "min-pass-rate");
  if (!rate) {
    return rate.error();
  }
  options.policy.min_pass_rate = rate.value();
  for (const auto& [name, target] : {std::pair{"max-failures", &options.policy.max_failures},
                                     std::pair{"min-tests", &options.policy.min_tests}}) {
    gatekit::Result<std::optional<std::uint64_t>> count =
        gatekit::optional_count_option(args, name);
    if (!count) {
      return count.error();
    }
    *target = count.value();
  }
  const gatekit::Result<std::uint64_t> max_annotations =
      gatekit::count_option(args, "max-annotations");
  if (!max_annotations) {
    return max_annotations.error();
  }
  options.max_annotations = static_cast<std::size_t>(max_annotations.value());
  options.policy.fail_on_empty = args["fail-on-empty"].as<bool>();
  options.policy.skipped_count_against = args["count-skipped"].as<bool>();
  options.policy.critical = gatekit::junit::TestFilter(gatekit::list_option(args, "critical"));
  options.quarantine_file = gatekit::string_option(args, "quarantine");
  options.merge.merge_retries = args["merge-retries"].as<bool>();
  options.report_json = gatekit::string_option(args, "report-json");
  options.summary_markdown = gatekit::string_option(args, "summary-markdown");
  options.reports = gatekit::list_option(args, "reports");
  if (options.reports.empty()) {
    return gatekit::Error{"no report given: pass files, directories or globs (see --help)", {}};
  }
  return options;
}

} // namespace junit_gate
