#include "junit_helpers.hpp"

#include <gatekit/junit/gate.hpp>
#include <gatekit/junit/render.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace gatekit;
using namespace gatekit::junit;
using namespace gatekit::junit::testing;

namespace {

// A failing test whose name and message try every injection we know of.
const std::string k_hostile_case =
    "<testcase classname='evil' name='t&#10;::error::injected | &lt;img src=x onerror=alert(1)&gt; "
    "`x` "
    "ghadelimiter_0 %0A' file='/home/runner/work/repo/repo/tests/t.py' line='7'>"
    "<failure message='line1&#10;::set-output "
    "name=gate::pass&#10;%25'>trace&#10;::warning::x</failure></testcase>";

struct Rendered {
  TestRun run;
  GateResult result;
  RenderOptions options;
};

Rendered render_hostile() {
  Rendered rendered{run_of({suite(passing_cases(3) + k_hostile_case)}), {}, {}};
  GatePolicy policy;
  policy.min_pass_rate = *parse_percent("95");
  rendered.result = evaluate(rendered.run, policy);
  rendered.options.workspaces = {"/github/workspace", "/home/runner/work/repo/repo"};
  return rendered;
}

bool any_line_starts_with(const std::string& text, const std::string& prefix) {
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = text.find('\n', start);
    std::string line =
        text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    const size_t first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line.compare(first, prefix.size(), prefix) == 0) {
      return true;
    }
    if (end == std::string::npos) {
      break;
    }
    start = end + 1;
  }
  return false;
}

} // namespace

TEST_SUITE("junit::render") {
  TEST_CASE("annotations from a hostile test are single escaped commands on repository paths") {
    const Rendered r = render_hostile();
    const std::vector<github::Annotation> annotations =
        failure_annotations(r.run, r.result, r.options);
    REQUIRE(annotations.size() == 1);
    CHECK(annotations[0].file == "tests/t.py");
    CHECK(annotations[0].line == 7);
    const std::string command = github::format_annotation(annotations[0]);
    CHECK(command.find('\n') == command.size() - 1);
    CHECK(command.rfind(
              "::error file=tests/t.py,line=7,title=evil%3A%3At%0A%3A%3Aerror%3A%3Ainjected", 0) ==
          0);
  }

  TEST_CASE("annotations are capped and the cap is reported") {
    std::string cases;
    for (int i = 0; i < 15; ++i) {
      cases += failing("f" + std::to_string(i));
    }
    const TestRun run = run_of({suite(cases)});
    RenderOptions options;
    options.max_annotations = 10;
    const std::vector<github::Annotation> annotations =
        failure_annotations(run, evaluate(run, GatePolicy{}), options);
    REQUIRE(annotations.size() == 11);
    CHECK(annotations.back().level == github::AnnotationLevel::notice);
    CHECK(annotations.back().message.find("5 more failed tests") == 0);
  }

  TEST_CASE(
      "the Markdown summary escapes report text: no raw HTML, no broken table, no new lines") {
    const Rendered r = render_hostile();
    const std::string markdown = render_summary_markdown(r.run, r.result, r.options);
    CHECK(markdown.find("<img") == std::string::npos);
    CHECK(markdown.find("&lt;img src=x onerror=alert\\(1\\)&gt;") != std::string::npos);
    // The failures table row stays one row with four cells.
    const size_t row = markdown.find("| evil\\:\\:t");
    REQUIRE(row != std::string::npos);
    const std::string line = markdown.substr(row, markdown.find('\n', row) - row);
    CHECK(std::count(line.begin(), line.end(), '|') == 5);
    CHECK(markdown.find("## ❌ junit-gate: failed") == 0);
    CHECK(markdown.find("tests/t.py\\:7") != std::string::npos);
  }

  TEST_CASE("the terminal summary prints report text as inert single lines") {
    const Rendered r = render_hostile();
    const std::string text = render_summary_text(r.run, r.result, r.options);
    CHECK_FALSE(any_line_starts_with(text, "::"));
    CHECK(text.find("junit-gate: FAILED") == 0);
    CHECK(text.find("pass rate 75.00%") != std::string::npos);
    CHECK(text.find("FAIL  pass rate: 75.00% (3 of 4) < 95% required") != std::string::npos);
  }

  TEST_CASE("step outputs carry the documented names and values") {
    const Rendered r = render_hostile();
    const github::Outputs outputs = gate_outputs(r.result);
    const github::Outputs expected = {{"tests", "4"},         {"passed", "3"},  {"failed", "1"},
                                      {"errors", "0"},        {"skipped", "0"}, {"flaky", "0"},
                                      {"pass_rate", "75.00"}, {"gate", "fail"}};
    CHECK(outputs == expected);
  }

  TEST_CASE("the JSON report has the documented shape and survives invalid UTF-8") {
    Rendered r = render_hostile();
    r.run.names += "\xFF"; // make sure dump() does not throw on bad bytes
    const nlohmann::json json =
        nlohmann::json::parse(render_report_json(r.run, r.result, r.options));
    CHECK(json["totals"]["tests"] == 4);
    CHECK(json["totals"]["failures"] == 1);
    CHECK(json["pass_rate"] == 75.0);
    CHECK(json["gate"]["passed"] == false);
    CHECK(json["gate"]["reasons"][0] == "pass rate: 75.00% (3 of 4) < 95% required");
    CHECK(json["files"][0]["path"] == "shard-1.xml");
    CHECK(json["failures"][0]["file"] == "tests/t.py");
    CHECK(json["failures"][0]["line"] == 7);
    CHECK(json["failures"][0]["message"] == "line1\n::set-output name=gate::pass\n%25");
  }

  TEST_CASE("an empty run reports a null pass rate") {
    const TestRun run = run_of({"<testsuite tests='0'/>"});
    const GateResult result = evaluate(run, GatePolicy{});
    CHECK(nlohmann::json::parse(render_report_json(run, result, {}))["pass_rate"].is_null());
    CHECK(gate_outputs(result)[6].second.empty());
  }

  TEST_CASE("workspace prefixes are stripped only at a path boundary") {
    CHECK(repository_path("/w/app/tests/x.py", {"/w/app"}) == "tests/x.py");
    CHECK(repository_path("/w/app-tools/x.py", {"/w/app"}) == "/w/app-tools/x.py");
    CHECK(repository_path("/w/app/x.py", {"/github/workspace", "/w/app/"}) == "x.py");
    CHECK(repository_path("./tests/x.py", {}) == "tests/x.py");
  }

  TEST_CASE("durations are readable") {
    CHECK(format_duration(0.123) == "0.12 s");
    CHECK(format_duration(12.34) == "12.3 s");
    CHECK(format_duration(185) == "3 min 05 s");
  }
}
