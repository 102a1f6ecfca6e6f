#pragma once

// Reading a JSON config object field by field, with typed accessors for the
// units health-check's config uses, errors located by JSON path, and unknown
// fields reported; private to src/health.

#include <gatekit/common/error.hpp>
#include <gatekit/common/percent.hpp>
#include <gatekit/common/text.hpp>
#include <gatekit/health/units.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gatekit::health {

// Reads one JSON object's fields by name, remembering which were read so the
// rest can be reported as unknown.
class ObjectReader {
  using json = nlohmann::json;

public:
  ObjectReader(const json& object, std::string path, const std::string& file)
      : m_object(object), m_path(std::move(path)), m_file(file) {}

  // An error at a field (or the object itself for an empty key), or at an
  // entry `child` inside that field.
  Error error_at(const std::string& key, const std::string& message,
                 const std::string& child = "") const {
    Error error = make_error(m_file, message);
    error.where.json_path = key.empty() ? m_path : m_path + "/" + json_pointer_token(key);
    if (!child.empty()) {
      error.where.json_path += "/" + json_pointer_token(child);
    }
    return error;
  }

  const json* find(const std::string& key) {
    m_read.insert(key);
    const auto found = m_object.find(key);
    return found == m_object.end() ? nullptr : &*found;
  }

  std::string path_of(const std::string& key) const {
    return m_path + "/" + json_pointer_token(key);
  }

  Result<std::optional<std::string>> string(const std::string& key) {
    const json* value = find(key);
    if (value == nullptr) {
      return std::optional<std::string>();
    }
    if (!value->is_string()) {
      return error_at(key, "expected a string");
    }
    return std::optional<std::string>(value->get<std::string>());
  }

  Result<std::optional<bool>> boolean(const std::string& key) {
    const json* value = find(key);
    if (value == nullptr) {
      return std::optional<bool>();
    }
    if (!value->is_boolean()) {
      return error_at(key, "expected true or false");
    }
    return std::optional<bool>(value->get<bool>());
  }

  Result<std::optional<double>> number(const std::string& key) {
    const json* value = find(key);
    if (value == nullptr) {
      return std::optional<double>();
    }
    if (!value->is_number() || !std::isfinite(value->get<double>())) {
      return error_at(key, "expected a number");
    }
    return std::optional<double>(value->get<double>());
  }

  Result<std::optional<std::uint64_t>> count(const std::string& key, std::uint64_t max) {
    const json* value = find(key);
    if (value == nullptr) {
      return std::optional<std::uint64_t>();
    }
    if (!value->is_number_unsigned() || value->get<std::uint64_t>() > max) {
      return error_at(key, "expected a whole number from 0 to " + std::to_string(max));
    }
    return std::optional<std::uint64_t>(value->get<std::uint64_t>());
  }

  // A duration: seconds as a number, or a string with a unit ("500ms").
  Result<std::optional<double>> duration(const std::string& key) {
    const json* value = find(key);
    if (value == nullptr) {
      return std::optional<double>();
    }
    std::optional<double> seconds;
    if (value->is_number()) {
      seconds = parse_duration(value->dump());
    } else if (value->is_string()) {
      seconds = parse_duration(value->get<std::string>());
    }
    if (!seconds) {
      return error_at(key,
                      "expected a duration such as \"500ms\", \"5s\" or \"2m\" (up to a week)");
    }
    return seconds;
  }

  Result<std::optional<std::uint64_t>> byte_size(const std::string& key) {
    const json* value = find(key);
    if (value == nullptr) {
      return std::optional<std::uint64_t>();
    }
    std::optional<std::uint64_t> bytes;
    if (value->is_number_unsigned()) {
      bytes = value->get<std::uint64_t>();
    } else if (value->is_string()) {
      bytes = parse_byte_size(value->get<std::string>());
    }
    if (!bytes) {
      return error_at(key, "expected a size such as \"1GiB\", \"500MB\" or a number of bytes");
    }
    return bytes;
  }

  Result<std::optional<Percent>> percent(const std::string& key) {
    const json* value = find(key);
    if (value == nullptr) {
      return std::optional<Percent>();
    }
    std::optional<Percent> parsed;
    if (value->is_number()) {
      parsed = parse_percent(value->dump());
    } else if (value->is_string()) {
      parsed = parse_percent(value->get<std::string>());
    }
    if (!parsed) {
      return error_at(key, "expected a percentage from 0 to 100, such as 80 or \"99.5%\"");
    }
    return parsed;
  }

  Result<std::vector<std::string>> strings(const std::string& key) {
    const json* value = find(key);
    std::vector<std::string> items;
    if (value == nullptr) {
      return items;
    }
    if (value->is_string()) {
      items.push_back(value->get<std::string>());
      return items;
    }
    if (!value->is_array()) {
      return error_at(key, "expected a string or a list of strings");
    }
    for (size_t i = 0; i < value->size(); ++i) {
      if (!(*value)[i].is_string()) {
        return error_at(key, "expected a string", std::to_string(i));
      }
      items.push_back((*value)[i].get<std::string>());
    }
    return items;
  }

  // Fails on the first field that no read asked for.
  Status no_unknown_fields() const {
    for (const auto& [key, value] : m_object.items()) {
      if (m_read.count(key) == 0) {
        return error_at(key, "unknown field \"" + single_line(key) + "\"");
      }
    }
    return Done{};
  }

private:
  const json& m_object;
  std::string m_path;
  const std::string& m_file;
  std::set<std::string> m_read;
};

// Unwraps a field read or returns its error from the enclosing function.
#define GATEKIT_READ(target, expression)                                                           \
  auto target##_result = (expression);                                                             \
  if (!target##_result) {                                                                          \
    return target##_result.error();                                                                \
  }                                                                                                \
  auto target = std::move(target##_result.value())

} // namespace gatekit::health
