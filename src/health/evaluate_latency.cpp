#include <gatekit/health/evaluate.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace gatekit::health {

double nearest_rank(std::vector<double>& sorted_samples, double percentile) {
  if (sorted_samples.empty()) {
    return 0.0;
  }
  const double rank = std::ceil(percentile / 100.0 * static_cast<double>(sorted_samples.size()));
  const size_t index = rank < 1.0 ? 0 : static_cast<size_t>(rank) - 1;
  return sorted_samples[std::min(index, sorted_samples.size() - 1)];
}

LatencySummary summarize_latencies(std::vector<double> seconds, std::uint64_t errors,
                                   double wall_seconds, std::string first_error) {
  LatencySummary summary;
  summary.requests = seconds.size() + errors;
  summary.errors = errors;
  summary.wall_seconds = wall_seconds;
  summary.first_error = std::move(first_error);
  if (seconds.empty()) {
    return summary;
  }
  std::sort(seconds.begin(), seconds.end());
  summary.p50 = nearest_rank(seconds, 50.0);
  summary.p95 = nearest_rank(seconds, 95.0);
  summary.p99 = nearest_rank(seconds, 99.0);
  summary.max = seconds.back();
  summary.mean =
      std::accumulate(seconds.begin(), seconds.end(), 0.0) / static_cast<double>(seconds.size());
  return summary;
}

Attempt evaluate_latency(const LatencyProbe& probe, const LatencySummary& summary) {
  Attempt attempt;
  const std::uint64_t answered = summary.requests - summary.errors;
  attempt.latency_seconds = answered > 0 ? summary.p95 : -1.0;
  attempt.measurements = {{"requests", static_cast<double>(summary.requests)},
                          {"errors", static_cast<double>(summary.errors)},
                          {"p50_seconds", summary.p50},
                          {"p95_seconds", summary.p95},
                          {"p99_seconds", summary.p99},
                          {"max_seconds", summary.max}};
  if (summary.wall_seconds > 0.0) {
    attempt.measurements.emplace_back("requests_per_second",
                                      static_cast<double>(summary.requests) / summary.wall_seconds);
  }
  char rate_text[32];
  const double error_percent = summary.requests == 0 ? 0.0
                                                     : 100.0 * static_cast<double>(summary.errors) /
                                                           static_cast<double>(summary.requests);
  std::snprintf(rate_text, sizeof rate_text, "%.2f%%", error_percent);
  attempt.measurements.emplace_back("error_rate", error_percent / 100.0);
  const std::string figures = "p50 " + format_duration(summary.p50) + ", p95 " +
                              format_duration(summary.p95) + ", p99 " +
                              format_duration(summary.p99) + ", errors " + rate_text + " of " +
                              std::to_string(summary.requests);
  std::vector<std::string> breaches;
  if (answered == 0) {
    attempt.detail = "none of " + std::to_string(summary.requests) + " requests got a response" +
                     (summary.first_error.empty() ? "" : " (" + summary.first_error + ")");
    return attempt;
  }
  if (probe.max_error_rate) {
    // Exact: errors / requests * 100 <= threshold, i.e. successes meet 100 - threshold.
    const Percent success_needed{100'000'000 - probe.max_error_rate->micro};
    if (!ratio_meets(answered, summary.requests, success_needed)) {
      breaches.push_back(std::string("error rate ") + rate_text + " > " +
                         format_percent(*probe.max_error_rate) + "%" +
                         (summary.first_error.empty() ? "" : " (" + summary.first_error + ")"));
    }
  }
  const struct {
    const char* name;
    const std::optional<double>& limit;
    double value;
  } limits[] = {{"p50", probe.max_p50, summary.p50},
                {"p95", probe.max_p95, summary.p95},
                {"p99", probe.max_p99, summary.p99}};
  for (const auto& limit : limits) {
    if (limit.limit && limit.value > *limit.limit) {
      breaches.push_back(std::string(limit.name) + " " + format_duration(limit.value) + " > " +
                         format_duration(*limit.limit));
    }
  }
  if (!breaches.empty()) {
    attempt.detail = breaches.front();
    for (size_t i = 1; i < breaches.size(); ++i) {
      attempt.detail += "; " + breaches[i];
    }
    attempt.detail += " (" + figures + ")";
    return attempt;
  }
  attempt.ok = true;
  attempt.detail = figures;
  if (probe.warn_p95 && summary.p95 > *probe.warn_p95) {
    attempt.warning = true;
    attempt.detail = "p95 " + format_duration(summary.p95) + " > " +
                     format_duration(*probe.warn_p95) + " (warning; " + figures + ")";
  }
  return attempt;
}

} // namespace gatekit::health
