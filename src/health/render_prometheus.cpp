// The Prometheus text exposition format (version 0.0.4), as node_exporter's
// textfile collector reads it.

#include <gatekit/health/render.hpp>

#include <cmath>
#include <cstdio>

namespace gatekit::health {
namespace {

// Label values escape backslash, double quote and line feed.
std::string label_value(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '\\') {
      escaped += "\\\\";
    } else if (c == '"') {
      escaped += "\\\"";
    } else if (c == '\n') {
      escaped += "\\n";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string sample_value(double value) {
  if (std::isnan(value)) {
    return "NaN";
  }
  if (std::isinf(value)) {
    return value > 0 ? "+Inf" : "-Inf";
  }
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.9g", value);
  return buffer;
}

} // namespace

std::string render_prometheus_text(const HealthRun& run) {
  std::string text;
  const auto family = [&](const char* name, const char* help) {
    text += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " gauge\n";
  };
  const auto labels = [](const CheckResult& check) {
    return "{check=\"" + label_value(check.name) + "\",type=\"" + label_value(check.type) +
           "\",severity=\"" + (check.severity == Severity::critical ? "critical" : "warning") +
           "\"}";
  };
  family("gatekit_health_check_up", "1 if the check passed (a warning counts as passed), else 0.");
  for (const CheckResult& check : run.checks) {
    text += "gatekit_health_check_up" + labels(check) + " " + (check.last.ok ? "1" : "0") + "\n";
  }
  family("gatekit_health_check_latency_seconds",
         "Response time of the deciding attempt (p95 for latency checks).");
  for (const CheckResult& check : run.checks) {
    if (check.last.latency_seconds >= 0.0) {
      text += "gatekit_health_check_latency_seconds" + labels(check) + " " +
              sample_value(check.last.latency_seconds) + "\n";
    }
  }
  family("gatekit_health_check_attempts", "Attempts made, retries included.");
  for (const CheckResult& check : run.checks) {
    text += "gatekit_health_check_attempts" + labels(check) + " " + std::to_string(check.attempts) +
            "\n";
  }
  family("gatekit_health_healthy", "1 if no critical check failed, else 0.");
  text += std::string("gatekit_health_healthy ") + (is_healthy(run.checks) ? "1" : "0") + "\n";
  return text;
}

} // namespace gatekit::health
