// TCP and Prometheus probes, both over libcurl.

#include "curl_easy.hpp"

#include <gatekit/health/probes.hpp>

namespace gatekit::health {

Attempt probe_tcp(const TcpProbe& probe, double timeout_seconds) {
  HttpRequest request;
  const bool ipv6_literal = probe.host.find(':') != std::string::npos;
  request.url = "http://" + (ipv6_literal ? "[" + probe.host + "]" : probe.host) + ":" +
                std::to_string(probe.port) + "/";
  request.ip_version = probe.ip_version;
  PreparedRequest prepared;
  configure_request(prepared, request, timeout_seconds, 0);
  curl_easy_setopt(prepared.handle.get(), CURLOPT_CONNECT_ONLY, 1L);
  // A connect-only transfer through an http_proxy from the environment would
  // "connect" to the proxy and pass for a port that is closed.
  curl_easy_setopt(prepared.handle.get(), CURLOPT_PROXY, "");
  Attempt attempt;
  const CURLcode code = curl_easy_perform(prepared.handle.get());
  curl_off_t connect_us = 0;
  curl_easy_getinfo(prepared.handle.get(), CURLINFO_CONNECT_TIME_T, &connect_us);
  if (code != CURLE_OK) {
    attempt.detail =
        describe_transfer_error(prepared.handle.get(), code, prepared.error, timeout_seconds);
    return attempt;
  }
  attempt.ok = true;
  attempt.latency_seconds = static_cast<double>(connect_us) / 1e6;
  attempt.measurements = {{"connect_seconds", attempt.latency_seconds}};
  char* ip = nullptr;
  curl_easy_getinfo(prepared.handle.get(), CURLINFO_PRIMARY_IP, &ip);
  attempt.detail = "connected in " + format_duration(attempt.latency_seconds) +
                   (ip != nullptr && ip[0] != '\0' ? std::string(" to ") + ip : std::string());
  return attempt;
}

Attempt probe_prometheus(const PrometheusProbe& probe, double timeout_seconds) {
  HttpRequest request = probe.server;
  std::string base = request.url;
  while (!base.empty() && base.back() == '/') {
    base.pop_back();
  }
  char* escaped =
      curl_easy_escape(nullptr, probe.query.c_str(), static_cast<int>(probe.query.size()));
  request.url = base + "/api/v1/query?query=" + (escaped != nullptr ? escaped : "");
  curl_free(escaped);
  request.method = "GET";
  request.body.clear();
  const HttpResponse response = perform_request(request, timeout_seconds);
  Attempt attempt;
  if (!response.transferred) {
    attempt.detail = response.transport_error;
    return attempt;
  }
  // Prometheus answers 400/422/503 with a JSON error body worth showing.
  Result<std::vector<PromSample>> samples = parse_prometheus_response(response.body);
  if (!samples) {
    attempt.detail = (response.status == 200 ? std::string()
                                             : "status " + std::to_string(response.status) + ": ") +
                     samples.error().message;
    return attempt;
  }
  attempt = evaluate_prometheus(probe, samples.value());
  attempt.latency_seconds = response.total_seconds;
  return attempt;
}

} // namespace gatekit::health
