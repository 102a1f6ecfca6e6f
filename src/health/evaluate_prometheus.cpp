#include <gatekit/common/text.hpp>
#include <gatekit/health/evaluate.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>

namespace gatekit::health {
namespace {

using nlohmann::json;

// Prometheus sends sample values as strings: "0.0123", "NaN", "+Inf".
std::optional<double> sample_value(const json& pair) {
  if (!pair.is_array() || pair.size() != 2 || !pair[1].is_string()) {
    return std::nullopt;
  }
  const std::string text = pair[1].get<std::string>();
  if (text == "NaN") {
    return std::nan("");
  }
  if (text == "+Inf") {
    return HUGE_VAL;
  }
  if (text == "-Inf") {
    return -HUGE_VAL;
  }
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0') {
    return std::nullopt;
  }
  return value;
}

std::string label_text(const json& metric) {
  if (!metric.is_object() || metric.empty()) {
    return "{}";
  }
  std::string text = "{";
  for (const auto& [name, value] : metric.items()) {
    if (text.size() > 1) {
      text += ',';
    }
    text += name + "=" + (value.is_string() ? json(value.get<std::string>()).dump() : value.dump());
  }
  return text + "}";
}

std::string format_value(double value) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

} // namespace

Result<std::vector<PromSample>> parse_prometheus_response(std::string_view body) {
  const json document = json::parse(body, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    return Error{"the answer is not Prometheus API JSON: \"" +
                     truncate_utf8(single_line(body), 80, "...") + "\"",
                 {}};
  }
  if (document.value("status", "") != "success") {
    const std::string type = document.value("errorType", "error");
    const std::string message = document.value("error", "no error message");
    return Error{"Prometheus " + type + ": " + truncate_utf8(single_line(message), 200, "..."), {}};
  }
  const json data = document.value("data", json::object());
  const std::string type = data.value("resultType", "");
  const json result = data.value("result", json());
  std::vector<PromSample> samples;
  if (type == "scalar") {
    const std::optional<double> value = sample_value(result);
    if (!value) {
      return Error{"Prometheus returned a malformed scalar", {}};
    }
    samples.push_back({"", *value});
    return samples;
  }
  if (type != "vector" || !result.is_array()) {
    return Error{"the query returned a " + (type.empty() ? std::string("malformed") : type) +
                     " result; use an instant vector or scalar expression",
                 {}};
  }
  for (const json& series : result) {
    const std::optional<double> value =
        series.is_object() ? sample_value(series.value("value", json())) : std::nullopt;
    if (!value) {
      return Error{"Prometheus returned a malformed sample", {}};
    }
    samples.push_back({label_text(series.value("metric", json::object())), *value});
  }
  return samples;
}

Attempt evaluate_prometheus(const PrometheusProbe& probe, const std::vector<PromSample>& samples) {
  Attempt attempt;
  std::vector<const PromSample*> numbers;
  for (const PromSample& sample : samples) {
    if (!std::isnan(sample.value)) {
      numbers.push_back(&sample);
    }
  }
  if (numbers.empty()) {
    const std::string what = samples.empty()
                                 ? "the query returned no series"
                                 : "the query returned only NaN (no data in the window)";
    attempt.ok = probe.no_data != NoDataPolicy::fail;
    attempt.warning = probe.no_data == NoDataPolicy::warn;
    attempt.detail = what + (probe.no_data == NoDataPolicy::fail ? " (no_data: fail)" : "");
    return attempt;
  }
  const auto describe = [](const PromSample& sample) {
    return format_value(sample.value) + (sample.labels.empty() || sample.labels == "{}"
                                             ? std::string()
                                             : " " + truncate_utf8(sample.labels, 120, "...}"));
  };
  const auto breach = [&](const std::optional<double>& max,
                          const std::optional<double>& min) -> std::string {
    for (const PromSample* sample : numbers) {
      if (max && sample->value > *max) {
        return describe(*sample) + " > " + format_value(*max);
      }
      if (min && sample->value < *min) {
        return describe(*sample) + " < " + format_value(*min);
      }
    }
    return "";
  };
  attempt.measurements.emplace_back("value", numbers.front()->value);
  attempt.measurements.emplace_back("series", static_cast<double>(numbers.size()));
  if (std::string failed = breach(probe.max, probe.min); !failed.empty()) {
    attempt.detail = failed;
    return attempt;
  }
  attempt.ok = true;
  if (std::string warned = breach(probe.warn_max, probe.warn_min); !warned.empty()) {
    attempt.warning = true;
    attempt.detail = warned + " (warning)";
    return attempt;
  }
  attempt.detail = numbers.size() == 1
                       ? describe(*numbers.front())
                       : std::to_string(numbers.size()) + " series within bounds, first " +
                             describe(*numbers.front());
  return attempt;
}

} // namespace gatekit::health
