#include <gatekit/health/check.hpp>
#include <gatekit/health/result.hpp>

#include <type_traits>

namespace gatekit::health {

const char* probe_type_name(const Probe& probe) {
  static constexpr const char* k_names[] = {"http", "latency", "tcp",  "prometheus",
                                            "disk", "memory",  "files"};
  static_assert(std::size(k_names) == std::variant_size_v<Probe>);
  return k_names[probe.index()];
}

std::string describe_target(const Check& check) {
  return std::visit(
      [](const auto& probe) -> std::string {
        using T = std::decay_t<decltype(probe)>;
        if constexpr (std::is_same_v<T, HttpProbe>) {
          return probe.request.method + " " + probe.request.display_url;
        } else if constexpr (std::is_same_v<T, LatencyProbe>) {
          return std::to_string(probe.requests) + " x " + probe.request.display_url;
        } else if constexpr (std::is_same_v<T, TcpProbe>) {
          const bool ipv6_literal = probe.host.find(':') != std::string::npos;
          return ipv6_literal ? "[" + probe.host + "]:" + std::to_string(probe.port)
                              : probe.host + ":" + std::to_string(probe.port);
        } else if constexpr (std::is_same_v<T, PrometheusProbe>) {
          return probe.query;
        } else if constexpr (std::is_same_v<T, DiskProbe>) {
          return probe.path;
        } else if constexpr (std::is_same_v<T, MemoryProbe>) {
          return "MemAvailable";
        } else {
          if (!probe.glob.empty()) {
            return probe.glob;
          }
          std::string text;
          for (const auto* list : {&probe.exist, &probe.parse}) {
            for (const std::string& path : *list) {
              text += (text.empty() ? "" : ", ") + path;
            }
          }
          return text;
        }
      },
      check.probe);
}

HealthTotals count_outcomes(const std::vector<CheckResult>& checks) {
  HealthTotals totals;
  for (const CheckResult& check : checks) {
    switch (check.outcome) {
    case Outcome::passed:
      ++totals.passed;
      break;
    case Outcome::warned:
      ++totals.warnings;
      break;
    case Outcome::failed:
      ++totals.failed;
      break;
    }
  }
  return totals;
}

bool is_healthy(const std::vector<CheckResult>& checks) {
  return count_outcomes(checks).failed == 0;
}

std::vector<std::string> failure_reasons(const std::vector<CheckResult>& checks) {
  std::vector<std::string> reasons;
  for (const CheckResult& check : checks) {
    if (check.outcome == Outcome::failed) {
      reasons.push_back(check.name + ": " + check.last.detail);
    }
  }
  return reasons;
}

} // namespace gatekit::health
