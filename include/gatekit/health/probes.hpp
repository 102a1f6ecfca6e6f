#pragma once

// The I/O edge of health-check: each function performs one probe against
// the network or the machine and returns what it saw, for the pure
// evaluate_* functions to judge.

#include <gatekit/common/error.hpp>
#include <gatekit/health/check.hpp>
#include <gatekit/health/evaluate.hpp>
#include <gatekit/health/result.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace gatekit::health {

// Initialises libcurl; call once, before any other thread starts.
void initialise_probes();

// The secrets, plus their percent-decoded and percent-encoded forms: a
// secret in a URL can come back either way in libcurl's messages.
std::vector<std::string> with_url_forms(const std::vector<std::string>& secrets);

// Bodies beyond this size are read but not kept; health endpoints answer in
// bytes, and the limit keeps a misrouted download from filling memory.
inline constexpr std::size_t k_max_body_bytes = 1 << 20;

// One HTTP request with libcurl, bounded by `timeout_seconds` in total.
HttpResponse perform_request(const HttpRequest& request, double timeout_seconds);

// `probe.requests` requests, `probe.concurrency` at a time over kept-alive
// connections (libcurl's multi interface, one thread); each bounded by
// `timeout_seconds`.
LatencySummary measure_latency(const LatencyProbe& probe, double timeout_seconds);

// Opens and closes a TCP connection (libcurl's connect-only mode, so name
// resolution, both address families and the timeout behave as for HTTP).
Attempt probe_tcp(const TcpProbe& probe, double timeout_seconds);

// Runs the instant query against the Prometheus HTTP API and evaluates it.
Attempt probe_prometheus(const PrometheusProbe& probe, double timeout_seconds);

// statvfs() of the file system holding `path`.
Result<DiskUsage> read_disk_usage(const std::string& path);

// /proc/meminfo (Linux).
Result<MemoryInfo> read_memory_info();

// Checks that files exist, a glob matches enough files, and files parse.
Attempt probe_files(const FilesProbe& probe);

} // namespace gatekit::health
