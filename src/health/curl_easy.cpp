#include "curl_easy.hpp"

#include <gatekit/health/probes.hpp>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstring>

namespace gatekit::health {
namespace {

size_t capture_body(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<CapturedBody*>(user);
  const size_t bytes = size * count;
  if (body->data.size() + bytes > body->limit) {
    body->data.append(data, body->limit - body->data.size());
    body->truncated = true;
    return 0; // stops the transfer: the rest would be thrown away anyway
  }
  body->data.append(data, bytes);
  return bytes;
}

long milliseconds(double seconds) {
  return std::max(1L, static_cast<long>(std::ceil(seconds * 1000.0)));
}

} // namespace

void initialise_probes() {
  curl_global_init(CURL_GLOBAL_DEFAULT);
#ifdef SIGPIPE
  // CURLOPT_NOSIGNAL (needed with threads) stops libcurl from ignoring
  // SIGPIPE itself, and a TLS write to a peer that reset the connection
  // would otherwise kill the process instead of failing one check.
  std::signal(SIGPIPE, SIG_IGN);
#endif
}

void configure_request(PreparedRequest& prepared, const HttpRequest& request,
                       double timeout_seconds, std::size_t body_limit) {
  prepared.handle.reset(curl_easy_init());
  CURL* handle = prepared.handle.get();
  prepared.body.limit = body_limit;
  curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, prepared.error);
  // Threads: no SIGALRM-based DNS timeouts (libcurl's threaded resolver is used).
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, milliseconds(timeout_seconds));
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(timeout_seconds));
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, request.follow_redirects ? 1L : 0L);
  curl_easy_setopt(handle, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, request.verify_tls ? 1L : 0L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, request.verify_tls ? 2L : 0L);
  if (!request.ca_file.empty()) {
    curl_easy_setopt(handle, CURLOPT_CAINFO, request.ca_file.c_str());
  }
  const long resolve = request.ip_version == IpVersion::v4   ? CURL_IPRESOLVE_V4
                       : request.ip_version == IpVersion::v6 ? CURL_IPRESOLVE_V6
                                                             : CURL_IPRESOLVE_WHATEVER;
  curl_easy_setopt(handle, CURLOPT_IPRESOLVE, resolve);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, "gatekit-health-check/" GATEKIT_VERSION);
  curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, capture_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &prepared.body);
  if (request.method == "HEAD") {
    curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
  } else if (request.method != "GET") {
    curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  if (!request.body.empty()) {
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.c_str());
  }
  curl_slist* headers = nullptr;
  for (const std::string& header : request.headers) {
    headers = curl_slist_append(headers, header.c_str());
  }
  prepared.headers.reset(headers);
  if (headers != nullptr) {
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
  }
}

std::string describe_curl_error(CURLcode code, const char* error_buffer, double timeout_seconds,
                                long os_errno) {
  std::string detail =
      error_buffer != nullptr && error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
  switch (code) {
  case CURLE_OPERATION_TIMEDOUT:
    return "timed out after " + format_duration(timeout_seconds) + " (" + detail + ")";
  case CURLE_COULDNT_CONNECT: {
    // libcurl's text ends in the generic ": Couldn't connect to server"; the
    // system's reason says more.
    if (const size_t generic = detail.rfind(": Couldn't connect to server");
        generic != std::string::npos) {
      detail.erase(generic);
    }
    const std::string reason = os_errno == ECONNREFUSED   ? "connection refused"
                               : os_errno == ENETUNREACH  ? "network unreachable"
                               : os_errno == EHOSTUNREACH ? "host unreachable"
                               : os_errno != 0 ? std::strerror(static_cast<int>(os_errno))
                                               : "cannot connect";
    return reason + " (" + detail + ")";
  }
  case CURLE_COULDNT_RESOLVE_HOST:
    return "cannot resolve the host: " + detail;
  case CURLE_TOO_MANY_REDIRECTS:
    return "redirect loop: " + detail;
  case CURLE_PEER_FAILED_VERIFICATION:
    return "TLS certificate not trusted: " + detail;
  case CURLE_SSL_CONNECT_ERROR:
    return "TLS handshake failed: " + detail;
  case CURLE_GOT_NOTHING:
    return "the server closed the connection without answering";
  case CURLE_RECV_ERROR:
  case CURLE_SEND_ERROR:
    return "connection broken: " + detail;
  default:
    return detail;
  }
}

std::string describe_transfer_error(CURL* handle, CURLcode code, const char* error_buffer,
                                    double timeout_seconds) {
  long os_errno = 0;
  curl_easy_getinfo(handle, CURLINFO_OS_ERRNO, &os_errno);
  return describe_curl_error(code, error_buffer, timeout_seconds, os_errno);
}

HttpResponse perform_request(const HttpRequest& request, double timeout_seconds) {
  PreparedRequest prepared;
  configure_request(prepared, request, timeout_seconds, k_max_body_bytes);
  HttpResponse response;
  if (!prepared.handle) {
    response.transport_error = "libcurl could not create a handle";
    return response;
  }
  CURL* handle = prepared.handle.get();
  const CURLcode code = curl_easy_perform(handle);
  curl_off_t total_us = 0;
  curl_easy_getinfo(handle, CURLINFO_TOTAL_TIME_T, &total_us);
  response.total_seconds = static_cast<double>(total_us) / 1e6;
  // A write error after the capture limit is our own stop, not a failure.
  if (code != CURLE_OK && !(code == CURLE_WRITE_ERROR && prepared.body.truncated)) {
    response.transport_error =
        describe_transfer_error(handle, code, prepared.error, timeout_seconds);
    return response;
  }
  response.transferred = true;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &response.status);
  curl_easy_getinfo(handle, CURLINFO_REDIRECT_COUNT, &response.redirects);
  char* ip = nullptr;
  if (curl_easy_getinfo(handle, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip != nullptr) {
    response.primary_ip = ip;
  }
  response.body = std::move(prepared.body.data);
  response.body_truncated = prepared.body.truncated;
  return response;
}

} // namespace gatekit::health
