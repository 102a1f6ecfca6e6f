#include <gatekit/health/render.hpp>

#include <nlohmann/json.hpp>

#include <cmath>

namespace gatekit::health {
namespace {

using nlohmann::ordered_json;

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
  case Outcome::passed:
    return "passed";
  case Outcome::warned:
    return "warning";
  case Outcome::failed:
    break;
  }
  return "failed";
}

// JSON has no NaN or infinity; a reading that is not finite is left out.
ordered_json number_or_null(double value) {
  return std::isfinite(value) ? ordered_json(value) : ordered_json();
}

} // namespace

std::string render_report_json(const HealthRun& run) {
  const HealthTotals totals = count_outcomes(run.checks);
  ordered_json report;
  report["tool"] = "health-check";
  report["gate"] = {{"passed", totals.failed == 0}, {"reasons", failure_reasons(run.checks)}};
  report["totals"] = {{"checks", run.checks.size()}, {"passed", totals.passed},
                      {"failed", totals.failed},     {"warnings", totals.warnings},
                      {"rounds", run.rounds},        {"elapsed_seconds", run.elapsed_seconds}};
  ordered_json checks = ordered_json::array();
  for (const CheckResult& check : run.checks) {
    ordered_json entry;
    entry["name"] = check.name;
    entry["type"] = check.type;
    entry["target"] = check.target;
    entry["severity"] = check.severity == Severity::critical ? "critical" : "warning";
    entry["result"] = outcome_name(check.outcome);
    entry["attempts"] = check.attempts;
    entry["elapsed_seconds"] = check.elapsed_seconds;
    entry["latency_seconds"] = check.last.latency_seconds >= 0.0
                                   ? number_or_null(check.last.latency_seconds)
                                   : ordered_json();
    entry["detail"] = check.last.detail;
    ordered_json measurements = ordered_json::object();
    for (const auto& [name, value] : check.last.measurements) {
      measurements[name] = number_or_null(value);
    }
    entry["measurements"] = std::move(measurements);
    checks.push_back(std::move(entry));
  }
  report["checks"] = std::move(checks);
  return report.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

github::Outputs health_outputs(const HealthRun& run) {
  const HealthTotals totals = count_outcomes(run.checks);
  return {{"healthy", totals.failed == 0 ? "true" : "false"},
          {"passed", std::to_string(totals.passed)},
          {"failed", std::to_string(totals.failed)},
          {"warnings", std::to_string(totals.warnings)}};
}

std::vector<github::Annotation> health_annotations(const HealthRun& run,
                                                   std::size_t max_annotations) {
  std::vector<github::Annotation> annotations;
  for (const CheckResult& check : run.checks) {
    if (annotations.size() >= max_annotations) {
      break;
    }
    if (check.outcome == Outcome::passed) {
      continue;
    }
    github::Annotation annotation;
    annotation.level = check.outcome == Outcome::failed ? github::AnnotationLevel::error
                                                        : github::AnnotationLevel::warning;
    annotation.title = "health-check: " + check.name;
    annotation.message = check.target + ": " + check.last.detail;
    annotations.push_back(std::move(annotation));
  }
  return annotations;
}

} // namespace gatekit::health
