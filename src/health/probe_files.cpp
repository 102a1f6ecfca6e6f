// Files a deployment needs: present, numerous enough, and parseable.

#include <gatekit/common/file_io.hpp>
#include <gatekit/common/glob.hpp>
#include <gatekit/common/input_paths.hpp>
#include <gatekit/common/text.hpp>
#include <gatekit/common/text_encoding.hpp>
#include <gatekit/health/probes.hpp>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <filesystem>

namespace gatekit::health {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// "" when `path` parses as JSON or YAML (by its extension), else why not,
// located as precisely as the parser can.
std::string parse_problem(const std::string& path) {
  Result<std::string> text = read_file(path);
  if (!text) {
    return text.error().to_string();
  }
  const std::string lower = to_lower(path);
  if (ends_with(lower, ".json")) {
    try {
      const nlohmann::json document = nlohmann::json::parse(text.value());
      static_cast<void>(document);
    } catch (const nlohmann::json::parse_error& error) {
      const auto [line, column] =
          LineIndex(text.value()).locate(error.byte > 0 ? error.byte - 1 : 0);
      return make_error(path, "not valid JSON", line, column).to_string();
    } catch (const nlohmann::json::exception& error) {
      return make_error(path, std::string("not valid JSON: ") + error.what()).to_string();
    }
    return "";
  }
  if (ends_with(lower, ".yml") || ends_with(lower, ".yaml")) {
    try {
      const std::vector<YAML::Node> documents = YAML::LoadAll(text.value());
      static_cast<void>(documents);
    } catch (const YAML::Exception& error) {
      return make_error(path, "not valid YAML: " + error.msg, error.mark.line + 1,
                        error.mark.column + 1)
          .to_string();
    }
    return "";
  }
  return path + ": cannot tell how to parse it (expected .json, .yml or .yaml)";
}

} // namespace

Attempt probe_files(const FilesProbe& probe) {
  Attempt attempt;
  std::error_code ec;
  for (const std::string& path : probe.exist) {
    if (!std::filesystem::exists(path, ec)) {
      attempt.detail = path + " does not exist";
      return attempt;
    }
  }
  std::vector<std::string> summary;
  if (!probe.exist.empty()) {
    summary.push_back(std::to_string(probe.exist.size()) + " present");
  }
  if (!probe.glob.empty()) {
    Result<std::vector<std::string>> matches = glob_files(probe.glob);
    if (!matches) {
      attempt.detail = matches.error().to_string();
      return attempt;
    }
    const std::uint64_t count = matches.value().size();
    attempt.measurements.emplace_back("matched", static_cast<double>(count));
    if (count < probe.min_count) {
      attempt.detail = std::to_string(count) + " file(s) match " + probe.glob + ", " +
                       std::to_string(probe.min_count) + " required";
      return attempt;
    }
    summary.push_back(std::to_string(count) + " match (>= " + std::to_string(probe.min_count) +
                      ")");
  }
  std::uint64_t parsed = 0;
  for (const std::string& entry : probe.parse) {
    std::vector<std::string> paths{entry};
    if (has_glob_chars(entry) && !std::filesystem::exists(entry, ec)) {
      Result<std::vector<std::string>> matches = glob_files(entry);
      if (!matches || matches.value().empty()) {
        attempt.detail = entry + ": no files match";
        return attempt;
      }
      paths = std::move(matches.value());
    }
    for (const std::string& path : paths) {
      if (std::string problem = parse_problem(path); !problem.empty()) {
        attempt.detail = problem;
        return attempt;
      }
      ++parsed;
    }
  }
  if (!probe.parse.empty()) {
    summary.push_back(std::to_string(parsed) + " parse");
  }
  attempt.ok = true;
  attempt.detail = join(summary, ", ");
  return attempt;
}

} // namespace gatekit::health
