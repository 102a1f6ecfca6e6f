#pragma once

// What health-check probes: one plain struct per kind of check, held in a
// Check together with what every check has (name, severity, timeout, retries).

#include <gatekit/common/percent.hpp>
#include <gatekit/health/units.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace gatekit::health {

// Which address families a host name may resolve to. `any` lets libcurl try
// IPv6 and IPv4 ("happy eyeballs"), so "localhost" works whichever one the
// service listens on.
enum class IpVersion { any, v4, v6 };

// An HTTP request as the user configured it. `url` and header values have
// ${VAR} references expanded; `display_url` keeps the references, so a
// secret in a URL is never printed.
struct HttpRequest {
  std::string url;
  std::string display_url;
  std::string method = "GET";
  std::vector<std::string> headers; // "Name: value", expanded
  std::string body;                 // request body; empty for none
  bool verify_tls = true;
  std::string ca_file; // "" for the system store
  bool follow_redirects = false;
  // Unset: http_proxy / https_proxy / no_proxy from the environment, as curl
  // reads them; "" for none; else the proxy's URL.
  std::optional<std::string> proxy;
  IpVersion ip_version = IpVersion::any;
};

// A check on a JSON response body at a JSON pointer (RFC 6901).
struct JsonExpectation {
  enum class Operator { equals, contains };
  std::string pointer;
  Operator op = Operator::equals;
  std::string value_json; // the expected JSON value, serialised
};

// What makes an HTTP response healthy.
struct HttpExpectations {
  std::vector<StatusRange> statuses = success_statuses();
  std::string body_regex;    // POSIX extended regex; "" for none
  std::string body_contains; // "" for none
  std::vector<JsonExpectation> json;
  std::optional<double> max_response_seconds;
};

struct HttpProbe {
  HttpRequest request;
  HttpExpectations expect;
};

// N requests to one URL at a concurrency level, gated on latency
// percentiles and on the share of requests that failed.
struct LatencyProbe {
  HttpRequest request;
  std::vector<StatusRange> statuses = success_statuses();
  std::uint64_t requests = 100;
  std::uint64_t concurrency = 10;
  std::optional<double> max_p50, max_p95, max_p99;
  std::optional<double> warn_p95;
  std::optional<Percent> max_error_rate; // percent of requests; the config's default is 1
};

// A TCP port that accepts connections.
struct TcpProbe {
  std::string host;
  int port = 0;
  IpVersion ip_version = IpVersion::any;
};

// What a Prometheus query that returns no series means.
enum class NoDataPolicy { fail, pass, warn };

// An instant PromQL query whose every returned value must lie within bounds.
struct PrometheusProbe {
  HttpRequest server; // base URL of the Prometheus HTTP API
  std::string query;
  std::optional<double> max, min;           // critical bounds (inclusive)
  std::optional<double> warn_max, warn_min; // reported only
  NoDataPolicy no_data = NoDataPolicy::fail;
};

// Use of the file system holding `path`, as df computes it.
struct DiskProbe {
  std::string path = "/";
  std::optional<Percent> max_used;
  std::optional<std::uint64_t> min_free_bytes;
};

// Memory available to new work (MemAvailable), and optionally the share used.
struct MemoryProbe {
  std::optional<std::uint64_t> min_available_bytes;
  std::optional<Percent> max_used;
};

// Files that must exist, globs that must match enough files, and JSON or
// YAML files that must parse.
struct FilesProbe {
  std::vector<std::string> exist;
  std::string glob; // "" for none
  std::uint64_t min_count = 1;
  std::vector<std::string> parse; // paths or globs of .json/.yml/.yaml files
};

using Probe = std::variant<HttpProbe, LatencyProbe, TcpProbe, PrometheusProbe, DiskProbe,
                           MemoryProbe, FilesProbe>;

// The type names used in config files, reports and metrics labels.
const char* probe_type_name(const Probe& probe);

// A failing critical check fails the gate; a failing warning is reported only.
enum class Severity { critical, warning };

// How often a failed check is tried again. Any failure is retried: refused
// connection, timeout, wrong status, wrong body. With `wait_seconds` set the
// check is retried until that deadline, whatever `retries` says.
struct RetryPolicy {
  std::uint64_t retries = 2;
  double delay_seconds = 1.0; // before the first retry, then doubled
  double max_delay_seconds = 10.0;
  double wait_seconds = 0.0; // 0: no deadline, `retries` counts
};

struct Check {
  std::string name;
  std::string json_path; // where the check sits in its config, for messages
  Severity severity = Severity::critical;
  double timeout_seconds = 10.0; // of one attempt
  RetryPolicy retry;
  Probe probe;
};

// What a check targets, for people: a URL, host:port, path or query.
std::string describe_target(const Check& check);

} // namespace gatekit::health
