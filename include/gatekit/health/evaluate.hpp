#pragma once

// Turning what a probe observed into a verdict. Pure functions: no network,
// no file system, so every rule is unit-tested on plain values.

#include <gatekit/common/error.hpp>
#include <gatekit/health/check.hpp>
#include <gatekit/health/result.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gatekit::health {

// What one HTTP exchange produced.
struct HttpResponse {
  bool transferred = false;    // false: no HTTP response (refused, timeout, TLS...)
  std::string transport_error; // why not, when !transferred
  long status = 0;
  std::string body;            // up to the capture limit
  bool body_truncated = false; // the body was longer than the limit
  double total_seconds = 0.0;
  std::string primary_ip; // the address that answered
  long redirects = 0;
};

// JSON nested deeper than this is refused before it is parsed: nlohmann's
// serialiser (and any recursive walk) would exhaust the stack on a hostile body.
inline constexpr std::size_t k_max_json_depth = 256;

// True if the arrays and objects of `text` (read as JSON, strings skipped)
// nest deeper than `limit`. Linear, without parsing.
bool json_nests_deeper_than(std::string_view text, std::size_t limit);

// Fails if a POSIX extended regular expression does not compile.
Status validate_regex(const std::string& pattern);

// Checks status, response time, body and JSON expectations, in that order;
// the first unmet one is the detail.
Attempt evaluate_http(const HttpExpectations& expect, const HttpResponse& response);

// Latency percentiles of a batch of requests.
struct LatencySummary {
  std::uint64_t requests = 0;
  std::uint64_t errors = 0; // no response, or a status outside the accepted set
  double p50 = 0.0, p95 = 0.0, p99 = 0.0, max = 0.0, mean = 0.0;
  double wall_seconds = 0.0; // for the request rate
  std::string first_error;   // an example of what went wrong
};

// Nearest-rank percentile (the smallest value with at least `percentile`
// of the samples at or below it), as wrk and hey report; 0 for no samples.
double nearest_rank(std::vector<double>& sorted_samples, double percentile);

// Summarises response times (of every request that got a response; failed
// requests count as errors only, so a fast 503 cannot improve the p95).
LatencySummary summarize_latencies(std::vector<double> seconds, std::uint64_t errors,
                                   double wall_seconds, std::string first_error);

Attempt evaluate_latency(const LatencyProbe& probe, const LatencySummary& summary);

// One series of a Prometheus instant-query result.
struct PromSample {
  std::string labels; // "{job=\"api\",code=\"500\"}", or "" for a scalar
  double value = 0.0;
};

// Parses a /api/v1/query response body: status "success" with a vector or
// scalar result; fails with Prometheus's own error text otherwise.
Result<std::vector<PromSample>> parse_prometheus_response(std::string_view body);

// Compares every series with the bounds. NaN counts as no data (a rate over
// a window with no requests): the check's no_data policy decides.
Attempt evaluate_prometheus(const PrometheusProbe& probe, const std::vector<PromSample>& samples);

// What statvfs says of a file system, in bytes.
struct DiskUsage {
  std::uint64_t total = 0;     // usable by unprivileged users plus used
  std::uint64_t used = 0;      // total - free
  std::uint64_t available = 0; // free to unprivileged users
};

// Use percentage as df computes it: used / (used + available), rounded up.
Attempt evaluate_disk(const DiskProbe& probe, const DiskUsage& usage);

struct MemoryInfo {
  std::uint64_t total = 0;
  std::uint64_t available = 0;
};

// Parses /proc/meminfo's MemTotal and MemAvailable (kB).
Result<MemoryInfo> parse_meminfo(std::string_view text);

Attempt evaluate_memory(const MemoryProbe& probe, const MemoryInfo& memory);

// Replaces every occurrence of a secret in `text` with "***".
std::string scrub_secrets(std::string text, const std::vector<std::string>& secrets);

} // namespace gatekit::health
