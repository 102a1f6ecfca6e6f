#pragma once

// A libcurl easy handle configured for one health-check request; private to
// src/health.

#include <gatekit/health/check.hpp>

#include <curl/curl.h>

#include <memory>
#include <string>

namespace gatekit::health {

// What a transfer wrote, kept up to a limit.
struct CapturedBody {
  std::string data;
  std::size_t limit = 0;
  bool truncated = false;
};

struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct CurlSlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlHeaders = std::unique_ptr<curl_slist, CurlSlistDeleter>;

// An easy handle with its header list and error buffer, which must outlive
// the transfer.
struct PreparedRequest {
  CurlEasy handle;
  CurlHeaders headers;
  CapturedBody body;
  char error[CURL_ERROR_SIZE] = {};
};

// Sets up `prepared` for `request`: timeouts, TLS, redirects, protocols
// (http and https only, redirects included), address family, headers and
// the body capture.
void configure_request(PreparedRequest& prepared, const HttpRequest& request,
                       double timeout_seconds, std::size_t body_limit);

// Why a transfer failed, in words a user acts on ("connection refused",
// "timed out after 2.00 s", "TLS certificate not trusted: ...").
// `os_errno` is CURLINFO_OS_ERRNO, which tells a refused connection from an
// unreachable network.
std::string describe_curl_error(CURLcode code, const char* error_buffer, double timeout_seconds,
                                long os_errno = 0);

// describe_curl_error for a finished transfer on `handle`.
std::string describe_transfer_error(CURL* handle, CURLcode code, const char* error_buffer,
                                    double timeout_seconds);

} // namespace gatekit::health
