#include "render_common.hpp"

#include <gatekit/common/percent.hpp>
#include <gatekit/common/text.hpp>
#include <gatekit/github/annotations.hpp>
#include <gatekit/junit/render.hpp>

#include <nlohmann/json.hpp>

namespace gatekit::junit {
namespace {

using nlohmann::ordered_json;

constexpr std::size_t k_max_json_failures = 1000;
constexpr std::size_t k_max_json_details = 4096;

ordered_json test_json(const TestRun& run, const TestResult& entry, const RenderOptions& options) {
  const TestCase& test = entry.test;
  ordered_json json;
  json["id"] = run.test_id(test);
  json["classname"] = run.text(test.classname);
  json["name"] = run.name(test);
  json["file"] = repository_path(run.text(test.file), options.workspaces);
  json["line"] = test.line > 0 ? ordered_json(test.line) : ordered_json(nullptr);
  json["outcome"] = outcome_name(test.outcome);
  json["time"] = test.time_seconds;
  json["failed_attempts"] = test.failed_attempts;
  json["report"] = run.files[entry.file_index].path;
  return json;
}

} // namespace

std::string render_report_json(const TestRun& run, const GateResult& result,
                               const RenderOptions& options) {
  const Totals& t = result.totals;
  ordered_json json;
  json["tool"] = "junit-gate";
  json["totals"] = {{"tests", t.tests},
                    {"passed", t.passed},
                    {"failures", t.failures},
                    {"errors", t.errors},
                    {"skipped", t.skipped},
                    {"flaky", t.flaky},
                    {"quarantined", result.quarantined.size()}};
  json["pass_rate"] =
      result.rate_defined()
          ? ordered_json(ratio_percent_floor(result.rate_numerator, result.rate_denominator))
          : ordered_json(nullptr);
  ordered_json checks = ordered_json::array();
  for (const GateCheck& check : result.checks) {
    checks.push_back({{"name", check.name}, {"passed", check.passed}, {"detail", check.detail}});
  }
  json["gate"] = {{"passed", result.passed}, {"reasons", result.reasons()}, {"checks", checks}};

  ordered_json files = ordered_json::array();
  for (const FileSummary& file : run.files) {
    files.push_back({{"path", file.path},
                     {"producer", file.dialect},
                     {"tests", file.counts.tests},
                     {"passed", file.counts.passed},
                     {"failures", file.counts.failures},
                     {"errors", file.counts.errors},
                     {"skipped", file.counts.skipped},
                     {"flaky", file.counts.flaky},
                     {"time", file.time_seconds},
                     {"empty", file.empty()},
                     {"warnings", file.warnings}});
  }
  json["files"] = files;

  ordered_json failures = ordered_json::array();
  const std::size_t listed = std::min(result.failures.size(), k_max_json_failures);
  for (std::size_t i = 0; i < listed; ++i) {
    const TestResult& entry = run.tests[result.failures[i]];
    ordered_json failure = test_json(run, entry, options);
    failure["critical"] = i < result.critical_failures.size();
    const CaseDetail* detail = run.detail(entry.test);
    failure["message"] = detail != nullptr ? detail->message : "";
    failure["type"] = detail != nullptr ? detail->type : "";
    failure["details"] =
        detail != nullptr ? truncate_utf8(detail->text, k_max_json_details, "\n…") : "";
    failures.push_back(std::move(failure));
  }
  json["failures"] = failures;
  json["failures_omitted"] = result.failures.size() - listed;

  ordered_json flaky = ordered_json::array();
  for (const std::uint32_t index : result.flaky) {
    flaky.push_back(test_json(run, run.tests[index], options));
  }
  json["flaky"] = flaky;
  ordered_json quarantined = ordered_json::array();
  for (const std::uint32_t index : result.quarantined) {
    quarantined.push_back(test_json(run, run.tests[index], options));
  }
  json["quarantined"] = quarantined;
  json["duplicates"] = {{"within_files", run.duplicates_in_file},
                        {"across_files", run.duplicates_across_files},
                        {"retried_to_flaky", run.retried_to_flaky}};
  json["traces_omitted"] = run.traces_dropped;
  json["warnings"] = result.warnings;
  // Report text may hold invalid UTF-8 (a Latin-1 file declared as UTF-8):
  // replace it rather than fail.
  return json.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

github::Outputs gate_outputs(const GateResult& result) {
  const Totals& t = result.totals;
  return {{"tests", std::to_string(t.tests)},
          {"passed", std::to_string(t.passed)},
          {"failed", std::to_string(t.failures)},
          {"errors", std::to_string(t.errors)},
          {"skipped", std::to_string(t.skipped)},
          {"flaky", std::to_string(t.flaky)},
          {"pass_rate", result.rate_defined() ? result.pass_rate_text() : ""},
          {"gate", result.passed ? "pass" : "fail"}};
}

std::vector<github::Annotation> failure_annotations(const TestRun& run, const GateResult& result,
                                                    const RenderOptions& options) {
  std::vector<github::Annotation> annotations;
  const std::size_t listed = std::min(result.failures.size(), options.max_annotations);
  for (std::size_t i = 0; i < listed; ++i) {
    const TestCase& test = run.tests[result.failures[i]].test;
    github::Annotation annotation;
    annotation.level = github::AnnotationLevel::error;
    annotation.file = repository_path(run.text(test.file), options.workspaces);
    annotation.line = static_cast<int>(test.line);
    const bool critical = i < result.critical_failures.size();
    annotation.title = truncate_utf8(run.test_id(test), 200, "…") +
                       (critical ? " (critical)" : "") +
                       (test.outcome == Outcome::error ? " errored" : " failed");
    std::string message = detail::message_of(run, test);
    if (const CaseDetail* detail = run.detail(test); detail != nullptr && !detail->text.empty()) {
      message += "\n\n" + detail->text;
    }
    annotation.message = truncate_utf8(message, 4096, "\n…");
    annotations.push_back(std::move(annotation));
  }
  if (listed < result.failures.size()) {
    github::Annotation notice;
    notice.level = github::AnnotationLevel::notice;
    notice.title = "junit-gate";
    notice.message = std::to_string(result.failures.size() - listed) +
                     " more failed tests were not annotated (max-annotations is " +
                     std::to_string(options.max_annotations) + "); see the step summary";
    annotations.push_back(std::move(notice));
  }
  return annotations;
}

} // namespace gatekit::junit
