#include <gatekit/github/escape.hpp>
#include <gatekit/github/markdown.hpp>
#include <gatekit/health/render.hpp>
#include <gatekit/health/units.hpp>

namespace gatekit::health {

std::string render_markdown(const HealthRun& run) {
  const HealthTotals totals = count_outcomes(run.checks);
  const bool healthy = totals.failed == 0;
  std::string markdown = std::string("## ") + (healthy ? "✅" : "❌") +
                         " health-check: " + (healthy ? "healthy" : "unhealthy") + "\n\n";
  markdown += std::to_string(totals.passed) + " passed, " + std::to_string(totals.failed) +
              " failed, " + std::to_string(totals.warnings) + " warning(s) · " +
              std::to_string(run.checks.size()) + " check(s) in " +
              format_duration(run.elapsed_seconds);
  if (run.rounds > 1) {
    markdown += " · " + std::to_string(run.rounds) + " rounds";
  }
  markdown += "\n\n";
  std::vector<std::vector<github::MarkdownCell>> rows;
  for (const CheckResult& check : run.checks) {
    const char* result = check.outcome == Outcome::passed   ? "✅ pass"
                         : check.outcome == Outcome::warned ? "⚠️ warning"
                                                            : "❌ fail";
    rows.push_back({{check.name},
                    {check.target},
                    {result, true},
                    {format_duration(check.last.latency_seconds)},
                    {std::to_string(check.attempts)},
                    {check.last.detail}});
  }
  markdown += github::markdown_table({"Check", "Target", "Result", "Latency", "Attempts", "Detail"},
                                     rows, {false, false, false, true, true, false});
  return markdown;
}

} // namespace gatekit::health
