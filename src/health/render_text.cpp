#include <gatekit/common/text.hpp>
#include <gatekit/health/render.hpp>
#include <gatekit/health/units.hpp>

namespace gatekit::health {
namespace {

const char* outcome_label(Outcome outcome) {
  switch (outcome) {
  case Outcome::passed:
    return "PASS";
  case Outcome::warned:
    return "WARN";
  case Outcome::failed:
    break;
  }
  return "FAIL";
}

} // namespace

std::string render_text(const HealthRun& run) {
  const HealthTotals totals = count_outcomes(run.checks);
  std::string text =
      std::string("health-check: ") + (totals.failed == 0 ? "HEALTHY" : "UNHEALTHY") + " (" +
      std::to_string(totals.passed) + " passed, " + std::to_string(totals.failed) + " failed, " +
      std::to_string(totals.warnings) + " warning(s); " + std::to_string(run.checks.size()) +
      " check(s) in " + format_duration(run.elapsed_seconds);
  if (run.rounds > 1) {
    text += ", " + std::to_string(run.rounds) + " rounds";
  }
  text += ")\n";
  for (const CheckResult& check : run.checks) {
    // A check named by its target (a --url check) is not named twice.
    const std::string name = single_line(check.name);
    const std::string target = truncate_utf8(single_line(check.target), 100, "...");
    // A check named after its target (a --url or --disk check) is not named twice.
    const bool named_by_target = check.name == check.target ||
                                 check.target.ends_with(" " + check.name) ||
                                 check.name == check.type + " " + check.target;
    const std::string label = named_by_target ? name : name + " (" + target + ")";
    text += std::string("  ") + outcome_label(check.outcome) + "  " + label + ": " +
            single_line(check.last.detail);
    if (check.attempts > 1 && !check.last.ok) {
      text += " [" + std::to_string(check.attempts) + " attempts in " +
              format_duration(check.elapsed_seconds) + "]";
    }
    if (check.severity == Severity::warning && !check.last.ok) {
      text += " [severity: warning]";
    }
    text += '\n';
  }
  return text;
}

} // namespace gatekit::health
