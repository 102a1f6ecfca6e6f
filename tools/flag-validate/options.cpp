#include "options.hpp"

#include <gatekit/common/command_line.hpp>
#include <gatekit/flags/rfc3339.hpp>

#include <cstring>

namespace flag_validate {
namespace {

const char* const k_exit_codes =
    "Exit status: 0 valid, 1 findings that fail, 2 usage or input error.";

// One option per line reads better than the formatter's packing of the chain.
// clang-format off
cxxopts::Options validate_spec() {
  cxxopts::Options options("flag-validate",
                           std::string("Prove a feature-flag file (the own format or OpenFeature flagd, JSON or YAML) "
                           "is sound for the environment it ships to.\n"
                           "Also: 'flag-validate eval FILE' (each flag's state at an instant) and "
                           "'flag-validate diff A B' (what changes); see their --help.\n") + k_exit_codes);
  options.positional_help("[validate] FILE...").show_positional_help();
  options.add_options()
    ("files", "Flag files (.json, .yml, .yaml); repeatable, one per line", cxxopts::value<std::vector<std::string>>())
    ("environment", "The policy section to apply, e.g. production", cxxopts::value<std::string>())
    ("policy", "Policy file (JSON or YAML): {\"environments\": {NAME: {\"required\", \"must_be_on\", "
               "\"must_be_off\", \"allowed_strategies\", \"max_percentage\"}}}", cxxopts::value<std::string>())
    ("strict", "Treat warnings as errors", cxxopts::value<bool>()->default_value("false"))
    ("env-from-workflow", "Workflow whose env: switches (NAME_ENABLED: 'true'|'false') must agree with the flags",
                          cxxopts::value<std::string>())
    ("env-prefix", "Also compare environment variables starting with this prefix (e.g. FLAG_)",
                   cxxopts::value<std::string>())
    ("at", "The instant to judge rollouts at, RFC 3339 (default: now)", cxxopts::value<std::string>())
    ("report-json", "Write the results as JSON to this file (input for manifest-gen)", cxxopts::value<std::string>())
    ("summary-markdown", "Also write the Markdown summary to this file", cxxopts::value<std::string>())
    ("max-annotations", "Maximum number of annotations in GitHub Actions",
                        cxxopts::value<std::string>()->default_value("10"))
    ("version", "Print the version and exit")
    ("h,help", "Print this help and exit");
  options.parse_positional({"files"});
  return options;
}

cxxopts::Options eval_spec() {
  cxxopts::Options options("flag-validate eval",
                           std::string("Show every flag's state at an instant: phase, effective percentage, "
                           "and for a user (and region) the answer.\n") + k_exit_codes);
  options.positional_help("FILE").show_positional_help();
  options.add_options()
    ("files", "The flag file", cxxopts::value<std::vector<std::string>>())
    ("at", "The instant, RFC 3339, e.g. 2025-10-21T12:00:00Z (default: now)", cxxopts::value<std::string>())
    ("user", "User id (own format) or targetingKey (flagd) to answer for", cxxopts::value<std::string>())
    ("region", "Region for canary rollouts (flagd: the \"region\" context value)", cxxopts::value<std::string>())
    ("json", "Print JSON instead of a table", cxxopts::value<bool>()->default_value("false"))
    ("h,help", "Print this help and exit");
  options.parse_positional({"files"});
  return options;
}

cxxopts::Options diff_spec() {
  cxxopts::Options options("flag-validate diff",
                           "Show what changes, flag by flag, from file A to file B.\n"
                           "Exit status: 0 (also when flags differ), 1 flags differ and --fail-on-change, "
                           "2 usage or input error.");
  options.positional_help("A B").show_positional_help();
  options.add_options()
    ("files", "The two flag files", cxxopts::value<std::vector<std::string>>())
    ("json", "Print JSON instead of text", cxxopts::value<bool>()->default_value("false"))
    ("fail-on-change", "Exit 1 when any flag differs", cxxopts::value<bool>()->default_value("false"))
    ("h,help", "Print this help and exit");
  options.parse_positional({"files"});
  return options;
}
// clang-format on

gatekit::Result<std::optional<gatekit::flags::Instant>>
at_option(const cxxopts::ParseResult& args) {
  const std::string text = gatekit::string_option(args, "at");
  if (text.empty() || text == "now") {
    return std::optional<gatekit::flags::Instant>();
  }
  const std::optional<gatekit::flags::Instant> at = gatekit::flags::parse_rfc3339(text);
  if (!at) {
    const std::string hint = gatekit::flags::rfc3339_hint(text);
    return gatekit::Error{"--at: '" + text +
                              "' is not an RFC 3339 date-time such as 2025-10-21T12:00:00Z" +
                              (hint.empty() ? "" : ": " + hint),
                          {}};
  }
  return at;
}

std::optional<std::string> optional_string(const cxxopts::ParseResult& args, const char* name) {
  if (args.count(name) == 0) {
    return std::nullopt;
  }
  return gatekit::string_option(args, name);
}

} // namespace

gatekit::Result<Options> parse_options(int argc, const char* const* argv) {
  Options options;
  std::vector<const char*> rest(argv, argv + argc);
  if (argc > 1) {
    for (const auto& [name, command] :
         {std::pair{"validate", Command::validate}, std::pair{"eval", Command::eval},
          std::pair{"diff", Command::diff}}) {
      if (std::strcmp(argv[1], name) == 0) {
        options.command = command;
        rest.erase(rest.begin() + 1);
      }
    }
  }
  cxxopts::Options spec = options.command == Command::eval   ? eval_spec()
                          : options.command == Command::diff ? diff_spec()
                                                             : validate_spec();
  const std::vector<std::string> lists = {"files"};
  gatekit::Result<cxxopts::ParseResult> parsed =
      gatekit::parse_command_line(spec, static_cast<int>(rest.size()), rest.data(), lists, lists);
  if (!parsed) {
    return parsed.error();
  }
  const cxxopts::ParseResult& args = parsed.value();
  options.info = gatekit::read_info_request(args, spec.help());
  // Only the validate command has --version; eval and diff have no such option.
  options.info.version = options.info.version && options.command == Command::validate;
  if (options.info.any()) {
    return options;
  }
  options.files = gatekit::list_option(args, "files");

  if (options.command == Command::diff) {
    if (options.files.size() != 2) {
      return gatekit::Error{"diff needs two files: flag-validate diff A B", {}};
    }
    options.json = args["json"].as<bool>();
    options.fail_on_change = args["fail-on-change"].as<bool>();
    return options;
  }
  gatekit::Result<std::optional<gatekit::flags::Instant>> at = at_option(args);
  if (!at) {
    return at.error();
  }
  options.at = at.value();
  if (options.command == Command::eval) {
    if (options.files.size() != 1) {
      return gatekit::Error{"eval needs one flag file: flag-validate eval FILE --at T", {}};
    }
    options.user = optional_string(args, "user");
    options.region = optional_string(args, "region");
    options.json = args["json"].as<bool>();
    return options;
  }
  if (options.files.empty()) {
    return gatekit::Error{"no flag file given (see --help)", {}};
  }
  options.strict = args["strict"].as<bool>();
  options.policy = gatekit::string_option(args, "policy");
  options.environment = gatekit::string_option(args, "environment");
  if (!options.environment.empty() && options.policy.empty()) {
    return gatekit::Error{"--environment needs --policy (the file that says what it requires)", {}};
  }
  options.env_from_workflow = gatekit::string_option(args, "env-from-workflow");
  options.env_prefix = gatekit::string_option(args, "env-prefix");
  options.report_json = gatekit::string_option(args, "report-json");
  options.summary_markdown = gatekit::string_option(args, "summary-markdown");
  const gatekit::Result<std::uint64_t> max_annotations =
      gatekit::count_option(args, "max-annotations");
  if (!max_annotations) {
    return max_annotations.error();
  }
  options.max_annotations = static_cast<std::size_t>(max_annotations.value());
  return options;
}

} // namespace flag_validate
