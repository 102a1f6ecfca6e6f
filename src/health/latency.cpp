// The latency check's load generator: libcurl's multi interface drives
// `concurrency` kept-alive connections from one thread, refilling each slot
// as its request completes, the way wrk keeps a fixed number of connections
// busy.

#include "curl_easy.hpp"

#include <gatekit/health/probes.hpp>

#include <chrono>
#include <vector>

namespace gatekit::health {
namespace {

struct CurlMultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};

// Bodies of load requests are read in full but kept only this far.
constexpr std::size_t k_latency_body_limit = 64 * 1024;

} // namespace

LatencySummary measure_latency(const LatencyProbe& probe, double timeout_seconds) {
  const std::size_t slots =
      static_cast<std::size_t>(std::min<std::uint64_t>(probe.concurrency, probe.requests));
  // Declared before the multi handle, so the multi handle is cleaned up
  // (detaching them) before the easy handles are.
  std::vector<PreparedRequest> requests(slots);
  std::unique_ptr<CURLM, CurlMultiDeleter> multi(curl_multi_init());
  // One connection per slot: a connection pool larger than the slots would
  // let libcurl open extra sockets, which skews latency.
  curl_multi_setopt(multi.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(slots));
  std::uint64_t started = 0;
  std::uint64_t errors = 0;
  std::string first_error;
  std::vector<double> seconds;
  seconds.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(probe.requests, 10'000'000)));

  // The timeout bounds the whole batch, as it bounds one attempt of any
  // other check: no request starts after it, and each gets only what is left.
  const auto wall_start = std::chrono::steady_clock::now();
  const auto seconds_left = [&] {
    return timeout_seconds -
           std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  };
  bool cut_short = false;
  const auto start_slot = [&](PreparedRequest& slot) {
    const double left = seconds_left();
    if (left <= 0.0) {
      cut_short = true;
      return false;
    }
    if (!slot.handle) {
      configure_request(slot, probe.request, left, k_latency_body_limit);
      curl_easy_setopt(slot.handle.get(), CURLOPT_PRIVATE, &slot);
    }
    curl_easy_setopt(slot.handle.get(), CURLOPT_TIMEOUT_MS,
                     std::max(1L, static_cast<long>(left * 1000.0)));
    slot.body.data.clear();
    slot.body.truncated = false;
    slot.error[0] = '\0';
    curl_multi_add_handle(multi.get(), slot.handle.get());
    ++started;
    return true;
  };
  int running = 0;
  for (PreparedRequest& slot : requests) {
    running += start_slot(slot) ? 1 : 0;
  }
  while (running > 0) {
    if (curl_multi_perform(multi.get(), &running) != CURLM_OK) {
      break;
    }
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi.get(), &queued)) {
      if (message->msg != CURLMSG_DONE) {
        continue;
      }
      CURL* handle = message->easy_handle;
      PreparedRequest* slot = nullptr;
      curl_easy_getinfo(handle, CURLINFO_PRIVATE, &slot);
      const CURLcode code = message->data.result;
      long status = 0;
      curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
      curl_off_t total_us = 0;
      curl_easy_getinfo(handle, CURLINFO_TOTAL_TIME_T, &total_us);
      if (code != CURLE_OK) {
        ++errors;
        if (first_error.empty()) {
          first_error = describe_transfer_error(handle, code, slot->error, timeout_seconds);
        }
      } else if (!status_in(probe.statuses, status)) {
        ++errors;
        if (first_error.empty()) {
          first_error = "status " + std::to_string(status);
        }
      } else {
        seconds.push_back(static_cast<double>(total_us) / 1e6);
      }
      curl_multi_remove_handle(multi.get(), handle);
      if (started < probe.requests && start_slot(*slot)) {
        ++running;
      }
    }
    if (running > 0) {
      curl_multi_poll(multi.get(), nullptr, 0, 100, nullptr);
    }
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  // Requests never started (cut off by the timeout, or a multi failure)
  // count as errors, so the total is honest.
  errors += probe.requests - std::min<std::uint64_t>(probe.requests, started);
  if (cut_short) {
    first_error += (first_error.empty() ? "the " : "; the ") + format_duration(timeout_seconds) +
                   " timeout ended the batch after " + std::to_string(started) + " of " +
                   std::to_string(probe.requests) + " requests";
  }
  return summarize_latencies(std::move(seconds), errors, wall, std::move(first_error));
}

} // namespace gatekit::health
