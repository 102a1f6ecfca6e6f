#include <gatekit/health/probes.hpp>
#include <gatekit/health/runner.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>

namespace gatekit::health {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void sleep_for_seconds(double seconds) {
  if (seconds > 0.0) {
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  }
}

Outcome outcome_of(const Attempt& attempt, Severity severity) {
  if (attempt.ok) {
    return attempt.warning ? Outcome::warned : Outcome::passed;
  }
  return severity == Severity::warning ? Outcome::warned : Outcome::failed;
}

// Runs a probe of the local machine on its own thread and waits at most
// `timeout_seconds` for it. File systems can block without limit (statvfs on
// a hung network mount, opening a FIFO named as a config file); on timeout
// the thread is left behind, owning copies of all it uses, and ends with
// the process.
template <typename Probe, typename Function>
Attempt bounded(const Probe& probe, double timeout_seconds, Function function) {
  struct Shared {
    std::mutex mutex;
    std::condition_variable done;
    std::optional<Attempt> attempt;
  };
  auto shared = std::make_shared<Shared>();
  std::thread([shared, probe, function] {
    Attempt attempt;
    try {
      attempt = function(probe);
    } catch (const std::exception& error) {
      attempt.detail = std::string("the probe failed: ") + error.what();
    }
    const std::lock_guard<std::mutex> lock(shared->mutex);
    shared->attempt = std::move(attempt);
    shared->done.notify_one();
  }).detach();
  std::unique_lock<std::mutex> lock(shared->mutex);
  if (!shared->done.wait_for(lock, std::chrono::duration<double>(timeout_seconds),
                             [&] { return shared->attempt.has_value(); })) {
    Attempt timed_out;
    timed_out.detail =
        "timed out after " + format_duration(timeout_seconds) + " (the file system did not answer)";
    return timed_out;
  }
  return std::move(*shared->attempt);
}

Attempt probe_disk(const DiskProbe& probe) {
  Result<DiskUsage> usage = read_disk_usage(probe.path);
  if (!usage) {
    Attempt attempt;
    attempt.detail = usage.error().to_string();
    return attempt;
  }
  return evaluate_disk(probe, usage.value());
}

Attempt probe_memory(const MemoryProbe& probe) {
  Result<MemoryInfo> memory = read_memory_info();
  if (!memory) {
    Attempt attempt;
    attempt.detail = memory.error().to_string();
    return attempt;
  }
  return evaluate_memory(probe, memory.value());
}

} // namespace

double retry_delay(const RetryPolicy& policy, std::uint64_t retry) {
  const double doubled = policy.delay_seconds * std::pow(2.0, static_cast<double>(retry - 1));
  return std::min(doubled, std::max(policy.max_delay_seconds, policy.delay_seconds));
}

Attempt probe_once(const Check& check, double timeout_seconds) {
  return std::visit(
      [&](const auto& probe) -> Attempt {
        using T = std::decay_t<decltype(probe)>;
        if constexpr (std::is_same_v<T, HttpProbe>) {
          return evaluate_http(probe.expect, perform_request(probe.request, timeout_seconds));
        } else if constexpr (std::is_same_v<T, LatencyProbe>) {
          return evaluate_latency(probe, measure_latency(probe, timeout_seconds));
        } else if constexpr (std::is_same_v<T, TcpProbe>) {
          return probe_tcp(probe, timeout_seconds);
        } else if constexpr (std::is_same_v<T, PrometheusProbe>) {
          return probe_prometheus(probe, timeout_seconds);
        } else if constexpr (std::is_same_v<T, DiskProbe>) {
          return bounded(probe, timeout_seconds, probe_disk);
        } else if constexpr (std::is_same_v<T, MemoryProbe>) {
          return bounded(probe, timeout_seconds, probe_memory);
        } else {
          return bounded(probe, timeout_seconds, probe_files);
        }
      },
      check.probe);
}

CheckResult run_check(const Check& check, const std::vector<std::string>& secrets) {
  CheckResult result;
  result.name = check.name;
  result.type = probe_type_name(check.probe);
  result.target = scrub_secrets(describe_target(check), secrets);
  result.severity = check.severity;
  const Clock::time_point start = Clock::now();
  const bool has_deadline = check.retry.wait_seconds > 0.0;
  for (std::uint64_t attempt_number = 1;; ++attempt_number) {
    double timeout = check.timeout_seconds;
    if (has_deadline) {
      timeout = std::min(timeout, check.retry.wait_seconds - seconds_since(start));
    }
    result.attempts = attempt_number;
    try {
      result.last = probe_once(check, std::max(timeout, 0.001));
    } catch (const std::exception& error) {
      // A probe's library throwing (an allocation failure, a parser limit)
      // fails this check, not the whole run and its report.
      result.last = Attempt{};
      result.last.detail = std::string("the probe failed: ") + error.what();
    }
    result.last.detail = scrub_secrets(std::move(result.last.detail), secrets);
    if (result.last.ok) {
      break;
    }
    double pause = retry_delay(check.retry, attempt_number);
    if (has_deadline) {
      const double left = check.retry.wait_seconds - seconds_since(start);
      if (left <= 0.01) {
        break;
      }
      // Near the deadline the pause shrinks so one last attempt still gets
      // half of the time left instead of the deadline passing idle.
      if (pause >= left) {
        pause = left / 2.0;
      }
    } else if (attempt_number > check.retry.retries) {
      break;
    }
    sleep_for_seconds(pause);
  }
  result.elapsed_seconds = seconds_since(start);
  result.outcome = outcome_of(result.last, check.severity);
  if (result.attempts > 1 && result.last.ok) {
    result.last.detail += " (after " + std::to_string(result.attempts - 1) + " failed attempt(s))";
  }
  return result;
}

HealthRun run_checks(const std::vector<Check>& checks, const RunOptions& options) {
  HealthRun run;
  const Clock::time_point start = Clock::now();
  for (std::uint64_t round = 1;; ++round) {
    const Clock::time_point round_start = Clock::now();
    std::vector<CheckResult> results(checks.size());
    std::atomic<std::size_t> next{0};
    const auto worker = [&] {
      for (std::size_t i = next++; i < checks.size(); i = next++) {
        results[i] = run_check(checks[i], options.secrets);
      }
    };
    const std::size_t threads = std::min(std::max<std::size_t>(options.parallel, 1), checks.size());
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) {
      pool.emplace_back(worker);
    }
    worker();
    for (std::thread& thread : pool) {
      thread.join();
    }
    run.checks = std::move(results);
    run.rounds = round;
    const bool polling = options.interval_seconds > 0.0 && options.duration_seconds > 0.0;
    if (!polling || !is_healthy(run.checks)) {
      break;
    }
    // The next round starts an interval after this one started; none starts
    // after the polling duration.
    const double pause = std::max(0.0, options.interval_seconds - seconds_since(round_start));
    if (seconds_since(start) + pause > options.duration_seconds) {
      break;
    }
    sleep_for_seconds(pause);
  }
  run.elapsed_seconds = seconds_since(start);
  return run;
}

} // namespace gatekit::health
