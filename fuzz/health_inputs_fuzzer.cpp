// libFuzzer target for what health-check reads from outside: its config
// file, Prometheus API answers, /proc/meminfo, HTTP bodies judged by JSON
// pointers and regexes, and the unit strings of options. The first byte picks
// the reader, so one corpus covers them all.

#include <gatekit/health/config.hpp>
#include <gatekit/health/evaluate.hpp>
#include <gatekit/health/units.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

// Declared first: libFuzzer's entry point has no header of its own.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  namespace health = gatekit::health;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 5) {
  case 0: {
    const gatekit::github::EnvLookup env =
        [](const std::string& name) -> std::optional<std::string> {
      return name == "SET" ? std::optional<std::string>("value") : std::nullopt;
    };
    (void)health::parse_config(text, "fuzz.json", env, {});
    break;
  }
  case 1: {
    const gatekit::Result<std::vector<health::PromSample>> samples =
        health::parse_prometheus_response(text);
    if (samples.ok()) {
      health::PrometheusProbe probe;
      probe.max = 0.01;
      probe.warn_min = 0.0;
      (void)health::evaluate_prometheus(probe, samples.value());
    }
    break;
  }
  case 2: {
    const gatekit::Result<health::MemoryInfo> memory = health::parse_meminfo(text);
    if (memory.ok()) {
      health::MemoryProbe probe;
      probe.min_available_bytes = 1u << 30;
      probe.max_used = gatekit::parse_percent("90");
      (void)health::evaluate_memory(probe, memory.value());
    }
    break;
  }
  case 3: {
    health::HttpExpectations expect;
    expect.body_regex = "\"status\" *: *\"(ok|up)\"";
    expect.json = {{"/status", health::JsonExpectation::Operator::equals, "\"ok\""},
                   {"/checks", health::JsonExpectation::Operator::contains, "\"db\""}};
    health::HttpResponse response;
    response.transferred = true;
    response.status = 200;
    response.body = std::string(text);
    (void)health::evaluate_http(expect, response);
    break;
  }
  default: {
    (void)health::parse_duration(text);
    (void)health::parse_byte_size(text);
    (void)health::parse_status_set(text);
    (void)health::parse_json_expectation(text);
    std::vector<std::string> secrets;
    (void)health::expand_environment(
        text, [](const std::string&) { return std::nullopt; }, secrets);
    break;
  }
  }
  return 0;
}
