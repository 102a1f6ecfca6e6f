#include "curl_easy.hpp"

#include <gatekit/common/text.hpp>
#include <gatekit/health/probes.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstring>

namespace gatekit::health {
namespace {

size_t capture_body(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<CapturedBody*>(user);
  const size_t bytes = size * count;
  // The whole body is always read, so response times cover the full
  // download and kept-alive connections stay usable; only the kept part is
  // limited.
  const size_t room = body->limit - std::min(body->limit, body->data.size());
  if (bytes > room) {
    body->truncated = true;
  }
  body->data.append(data, std::min(bytes, room));
  return bytes;
}

long milliseconds(double seconds) {
  return std::max(1L, static_cast<long>(std::ceil(seconds * 1000.0)));
}

} // namespace

std::vector<std::string> with_url_forms(const std::vector<std::string>& secrets) {
  std::vector<std::string> forms = secrets;
  for (const std::string& secret : secrets) {
    int length = 0;
    if (char* decoded =
            curl_easy_unescape(nullptr, secret.c_str(), static_cast<int>(secret.size()), &length)) {
      forms.emplace_back(decoded, static_cast<size_t>(length));
      curl_free(decoded);
    }
    if (char* encoded =
            curl_easy_escape(nullptr, secret.c_str(), static_cast<int>(secret.size()))) {
      forms.emplace_back(encoded);
      curl_free(encoded);
    }
  }
  std::sort(forms.begin(), forms.end());
  forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
  std::erase(forms, std::string());
  return forms;
}

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
  // Never from https down to plain http.
  const bool secure = request.url.rfind("https://", 0) == 0;
  curl_easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, secure ? "https" : "http,https");
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
  if (request.proxy) {
    // "" turns off the environment's proxy variables too.
    curl_easy_setopt(handle, CURLOPT_PROXY, request.proxy->c_str());
  }
  curl_easy_setopt(handle, CURLOPT_USERAGENT, "gatekit-health-check/" GATEKIT_VERSION);
  curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, capture_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &prepared.body);
  if (request.method == "HEAD") {
    curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
  } else if (request.method != "GET") {
    curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
    // Set even when empty, so a bodiless POST carries Content-Length: 0
    // (servers answer 411 without it).
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

namespace {

struct CurlUrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};

// scheme://host:port of a URL as libcurl parses it (lower-cased host,
// default ports filled in), or "" when it does not parse.
std::string origin_of(const std::string& url) {
  std::unique_ptr<CURLU, CurlUrlDeleter> parsed(curl_url());
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return "";
  }
  std::string origin;
  for (const CURLUPart part : {CURLUPART_SCHEME, CURLUPART_HOST, CURLUPART_PORT}) {
    char* text = nullptr;
    if (curl_url_get(parsed.get(), part, &text, CURLU_DEFAULT_PORT) != CURLUE_OK) {
      return "";
    }
    origin += to_lower(text) + "|";
    curl_free(text);
  }
  return origin;
}

constexpr long k_max_redirects = 10;

} // namespace

HttpResponse perform_request(const HttpRequest& request, double timeout_seconds) {
  // Redirects are followed here rather than by libcurl, so that headers the
  // config set (an API key from the environment) are not sent to another
  // origin, which libcurl does for every header but Authorization.
  HttpRequest hop = request;
  hop.follow_redirects = false;
  const std::string first_origin = origin_of(request.url);
  const auto start = std::chrono::steady_clock::now();
  HttpResponse response;
  for (long redirects = 0;; ++redirects) {
    const double left =
        timeout_seconds -
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (left <= 0.0) {
      response.transport_error =
          "timed out after " + format_duration(timeout_seconds) + " (following redirects)";
      return response;
    }
    PreparedRequest prepared;
    configure_request(prepared, hop, left, k_max_body_bytes);
    if (!prepared.handle) {
      response.transport_error = "libcurl could not create a handle";
      return response;
    }
    CURL* handle = prepared.handle.get();
    const CURLcode code = curl_easy_perform(handle);
    curl_off_t total_us = 0;
    curl_easy_getinfo(handle, CURLINFO_TOTAL_TIME_T, &total_us);
    response.total_seconds += static_cast<double>(total_us) / 1e6;
    if (code != CURLE_OK) {
      response.transport_error =
          describe_transfer_error(handle, code, prepared.error, timeout_seconds);
      return response;
    }
    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    char* location = nullptr;
    curl_easy_getinfo(handle, CURLINFO_REDIRECT_URL, &location);
    if (request.follow_redirects && status >= 300 && status < 400 && location != nullptr) {
      if (redirects == k_max_redirects) {
        response.transport_error =
            "redirect loop: more than " + std::to_string(k_max_redirects) + " redirects";
        return response;
      }
      const std::string next = location;
      const bool to_http = next.rfind("http://", 0) == 0;
      if (next.rfind("https://", 0) != 0 && !to_http) {
        response.transport_error = "redirected to a URL that is not http or https";
        return response;
      }
      if (to_http && hop.url.rfind("https://", 0) == 0) {
        response.transport_error = "refused a redirect from https down to plain http";
        return response;
      }
      if (origin_of(next) != first_origin) {
        hop.headers.clear(); // and they stay dropped, even back on the first origin
      }
      // As browsers and libcurl do: 303 always, 301/302 after a POST, become GET.
      if (status == 303 || ((status == 301 || status == 302) && hop.method == "POST")) {
        hop.method = "GET";
        hop.body.clear();
      }
      hop.url = next;
      response.redirects = redirects + 1;
      continue;
    }
    response.transferred = true;
    response.status = status;
    char* ip = nullptr;
    if (curl_easy_getinfo(handle, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip != nullptr) {
      response.primary_ip = ip;
    }
    response.body = std::move(prepared.body.data);
    response.body_truncated = prepared.body.truncated;
    return response;
  }
}

} // namespace gatekit::health
