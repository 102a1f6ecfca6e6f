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
    text += name + "=" + value.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  return text + "}";
}

// A member of an object when it has the wanted kind; the API's answer is
// untrusted input, and json::value() throws on a type mismatch.
std::string string_member(const json& object, const char* key, const char* fallback) {
  if (object.is_object()) {
    const auto found = object.find(key);
    if (found != object.end() && found->is_string()) {
      return found->get<std::string>();
    }
  }
  return fallback;
}

const json& member(const json& object, const char* key) {
  static const json k_null;
  if (object.is_object()) {
    const auto found = object.find(key);
    if (found != object.end()) {
      return *found;
    }
  }
  return k_null;
}

std::string format_value(double value) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

} // namespace

Result<std::vector<PromSample>> parse_prometheus_response(std::string_view body) {
  if (json_nests_deeper_than(body, k_max_json_depth)) {
    return Error{"the answer nests deeper than " + std::to_string(k_max_json_depth) +
                     " levels: not a Prometheus API answer",
                 {}};
  }
  const json document = json::parse(body, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    return Error{"the answer is not Prometheus API JSON: \"" +
                     truncate_utf8(single_line(body), 80, "...") + "\"",
                 {}};
  }
  if (string_member(document, "status", "") != "success") {
    const std::string type = string_member(document, "errorType", "error");
    const std::string message = string_member(document, "error", "no error message");
    return Error{"Prometheus " + type + ": " + truncate_utf8(single_line(message), 200, "..."), {}};
  }
  const json& data = member(document, "data");
  const std::string type = string_member(data, "resultType", "");
  const json& result = member(data, "result");
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
        series.is_object() ? sample_value(member(series, "value")) : std::nullopt;
    if (!value) {
      return Error{"Prometheus returned a malformed sample", {}};
    }
    samples.push_back({label_text(member(series, "metric")), *value});
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
