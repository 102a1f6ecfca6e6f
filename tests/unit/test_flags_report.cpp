// What a validation run shows: outputs, the JSON report manifest-gen reads,
// annotations, and that flag names cannot inject commands or markup.

#include <gatekit/common/file_io.hpp>
#include <gatekit/flags/load.hpp>
#include <gatekit/flags/report.hpp>
#include <gatekit/flags/rfc3339.hpp>
#include <gatekit/github/annotations.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace gatekit;
using namespace gatekit::flags;

namespace {

ValidationRun run_on(const std::vector<std::string>& files, bool strict = false) {
  ValidationRequest request;
  request.files = files;
  request.at = *parse_rfc3339("2025-10-21T12:00:00Z");
  request.strict = strict;
  Result<ValidationRun> run = run_validation(request);
  REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().to_string()));
  return std::move(run).value();
}

const std::string k_seeds = std::string(GATEKIT_EXAMPLES_DIR) + "/flags/feature_flags.json";
const std::string k_hostile = std::string(GATEKIT_TEST_DATA_DIR) + "/flags/bad/hostile_names.json";

} // namespace

TEST_SUITE("flags::report") {
  TEST_CASE("drift over several files adds up and leaves unmatched only switches no file has") {
    const std::string data = std::string(GATEKIT_TEST_DATA_DIR) + "/flags/drift/";
    ValidationRequest request;
    request.files = {data + "file_a.json", data + "file_b.json"};
    request.at = *parse_rfc3339("2025-10-21T12:00:00Z");
    request.env_prefix = "FLAG_";
    request.environment_variables = {
        {"FLAG_ALPHA", "true"}, {"FLAG_BETA", "true"}, {"FLAG_GAMMA", "true"}};
    Result<ValidationRun> run = run_validation(request);
    REQUIRE(run.ok());
    CHECK(run.value().switches_compared == 2);
    CHECK(run.value().unmatched == std::vector<std::string>{"FLAG_GAMMA"});
    CHECK(run.value().verdict.errors == 0);
  }

  TEST_CASE("an unreadable input fails the run with the file named") {
    ValidationRequest request;
    request.files = {"/nonexistent/flags.json"};
    Result<ValidationRun> run = run_validation(request);
    REQUIRE_FALSE(run.ok());
    CHECK(run.error().to_string().find("/nonexistent/flags.json") == 0);
  }

  TEST_CASE("outputs: valid, errors, warnings, flags") {
    const ValidationRun run = run_on({k_seeds});
    CHECK(validation_outputs(run) ==
          github::Outputs{{"valid", "true"}, {"errors", "0"}, {"warnings", "2"}, {"flags", "15"}});
    CHECK(validation_outputs(run_on({k_seeds}, true))[0].second == "false");
  }

  TEST_CASE("the JSON report has what manifest-gen reads: tool, gate and totals") {
    const nlohmann::json json = nlohmann::json::parse(render_validation_json(run_on({k_hostile})));
    CHECK(json["tool"] == "flag-validate");
    CHECK(json["gate"]["passed"] == false);
    CHECK(json["gate"]["reasons"].size() == 3);
    CHECK(json["totals"]["errors"] == 3);
    CHECK(json["totals"]["flags"] == 4);
    CHECK(json["findings"][0]["line"] == 3);
    CHECK(json["findings"][0]["json_path"] == "/flags/x\n::error file=x::injected/enabled");
    const nlohmann::json seeds = nlohmann::json::parse(render_validation_json(run_on({k_seeds})));
    CHECK(seeds["flags"][11]["name"] == "phase_4_deployment");
    CHECK(seeds["flags"][11]["phase"] == "in_progress");
    CHECK(seeds["flags"][11]["percentage"] == 25.0);
  }

  TEST_CASE("annotations carry file, line and column; the rest is a notice") {
    RenderOptions options;
    options.max_annotations = 2;
    const std::vector<github::Annotation> annotations =
        finding_annotations(run_on({k_hostile}), options);
    REQUIRE(annotations.size() == 3);
    CHECK(annotations[0].line == 3);
    CHECK(annotations[0].column == 48);
    CHECK(annotations[2].level == github::AnnotationLevel::notice);
    const std::string command = github::format_annotation(annotations[0]);
    CHECK(command.find(",line=3,col=48,title=flag-validate%3A wrong-type::") != std::string::npos);
  }

  TEST_CASE("hostile flag names cannot start a workflow command or inject markup") {
    const ValidationRun run = run_on({k_hostile});
    RenderOptions options;
    for (const github::Annotation& annotation : finding_annotations(run, options)) {
      const std::string command = github::format_annotation(annotation);
      CHECK(command.find('\n') == command.size() - 1); // one line: nothing after it is a command
    }
    const std::string text = render_validation_text(run);
    CHECK(text.find("\n::error file=x") == std::string::npos);
    CHECK(text.find("\n::set-output") == std::string::npos);
    const std::string markdown = render_validation_markdown(run, options);
    CHECK(markdown.find("<img") == std::string::npos);
    CHECK(markdown.find("<script") == std::string::npos);
    CHECK(markdown.find("&lt;img src=x onerror=alert\\(1\\)&gt;") != std::string::npos);
  }

  TEST_CASE("the step summary has the flag table, then the findings") {
    const std::string markdown = render_validation_markdown(run_on({k_seeds}), RenderOptions{});
    CHECK(markdown.find("## ✅ flag-validate: passed") == 0);
    CHECK(markdown.find("| phase\\_4\\_deployment | 🟢 on | progressive | 25% | in_progress |") !=
          std::string::npos);
    CHECK(markdown.find("### Findings (2)") != std::string::npos);
    CHECK(markdown.find("| Flag | State | Strategy | Now | Phase |") != std::string::npos);
  }
}
