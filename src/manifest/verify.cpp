#include <gatekit/manifest/artifact_name.hpp>
#include <gatekit/manifest/render.hpp>
#include <gatekit/manifest/verify.hpp>

#include <nlohmann/json.hpp>

namespace gatekit::manifest {
namespace {

using nlohmann::json;

bool is_sha256(const json& value) {
  if (!value.is_string() || value.get<std::string>().size() != 64) {
    return false;
  }
  for (const char c : value.get<std::string>()) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

} // namespace

Result<RecordedManifest> parse_manifest(std::string_view text, const std::string& source) {
  json manifest;
  try {
    manifest = json::parse(text);
  } catch (const json::parse_error& error) {
    return make_error(source, "not valid JSON (at byte " + std::to_string(error.byte) + ")");
  }
  const auto invalid = [&source](const std::string& pointer, const std::string& expected) {
    Error error = make_error(source, "expected " + expected);
    error.where.json_path = pointer;
    return error;
  };
  if (!manifest.is_object()) {
    return invalid("", "a JSON object (a deployment manifest)");
  }
  if (manifest.value("schema", "") != k_manifest_schema) {
    return invalid("/schema", std::string("\"") + k_manifest_schema +
                                  "\" (not a gatekit deployment manifest?)");
  }
  RecordedManifest recorded;
  if (!manifest.contains("version") || !manifest["version"].is_string() ||
      manifest["version"].get<std::string>().empty()) {
    return invalid("/version", "a non-empty string");
  }
  recorded.version = manifest["version"].get<std::string>();
  recorded.semver = parse_semver(recorded.version);
  if (!manifest.contains("created_at") || !manifest["created_at"].is_string()) {
    return invalid("/created_at", "an RFC 3339 time string");
  }
  if (manifest.contains("environment") && manifest["environment"].is_string()) {
    recorded.environment = manifest["environment"].get<std::string>();
  } else if (!manifest.contains("environment") || !manifest["environment"].is_null()) {
    return invalid("/environment", "a string or null");
  }
  if (!manifest.contains("gates_passed") || !manifest["gates_passed"].is_boolean()) {
    return invalid("/gates_passed", "a boolean");
  }
  recorded.gates_passed = manifest["gates_passed"].get<bool>();
  if (!manifest.contains("evidence") || !manifest["evidence"].is_object()) {
    return invalid("/evidence", "an object");
  }
  recorded.evidence_count = manifest["evidence"].size();
  // gates_passed is derived from the evidence; a manifest where the two
  // disagree was edited after it was written.
  for (const auto& [kind, item] : manifest["evidence"].items()) {
    if (!item.is_object() || !item.contains("gate_passed") || !item["gate_passed"].is_boolean()) {
      return invalid("/evidence/" + kind + "/gate_passed", "a boolean");
    }
    if (recorded.gates_passed && !item["gate_passed"].get<bool>()) {
      return invalid("/gates_passed",
                     "false, since the " + kind + " evidence records a failed gate");
    }
  }
  if (!manifest.contains("artifacts") || !manifest["artifacts"].is_array()) {
    return invalid("/artifacts", "an array");
  }
  for (std::size_t i = 0; i < manifest["artifacts"].size(); ++i) {
    const json& item = manifest["artifacts"][i];
    const std::string at = "/artifacts/" + std::to_string(i);
    if (!item.is_object() || !item.contains("name") || !item["name"].is_string() ||
        !is_safe_artifact_name(item["name"].get<std::string>())) {
      return invalid(at + "/name", "a relative path without \"..\", line breaks or backslashes");
    }
    if (!item.contains("size") || !item["size"].is_number_unsigned()) {
      return invalid(at + "/size", "a size in bytes");
    }
    if (!item.contains("sha256") || !is_sha256(item["sha256"])) {
      return invalid(at + "/sha256", "64 lower-case hex digits");
    }
    recorded.artifacts.push_back(Artifact{item["name"].get<std::string>(),
                                          item["size"].get<std::uint64_t>(),
                                          item["sha256"].get<std::string>()});
  }
  return recorded;
}

VerifyResult verify_manifest(const RecordedManifest& manifest, const FoundArtifacts& found,
                             const VerifyRequirements& requirements) {
  VerifyResult result;
  const auto problem = [&result](std::string text) {
    result.problems.push_back(std::move(text));
    result.verified = false;
  };
  for (std::size_t i = 0; i < manifest.artifacts.size(); ++i) {
    const Artifact& expected = manifest.artifacts[i];
    const std::optional<FileDigest>& actual = i < found.size() ? found[i] : std::nullopt;
    if (!actual) {
      problem(expected.name + ": missing");
    } else if (actual->size != expected.size) {
      problem(expected.name + ": size " + std::to_string(actual->size) +
              " bytes, the manifest says " + std::to_string(expected.size));
    } else if (actual->sha256 != expected.sha256) {
      problem(expected.name + ": SHA-256 " + actual->sha256 + ", the manifest says " +
              expected.sha256);
    }
  }
  if (requirements.require_gates) {
    if (manifest.evidence_count == 0) {
      problem("no gate evidence is embedded, but gates are required");
    } else if (!manifest.gates_passed) {
      problem("gates_passed is false: a gate failed when the manifest was written");
    }
  }
  if (!requirements.environment.empty() && requirements.environment != manifest.environment) {
    problem("environment is '" + manifest.environment + "', required '" + requirements.environment +
            "'");
  }
  if (requirements.min_version) {
    if (!manifest.semver) {
      problem("version '" + manifest.version + "' is not SemVer, required at least " +
              requirements.min_version->to_string());
    } else if (compare(*manifest.semver, *requirements.min_version) < 0) {
      problem("version " + manifest.version + " is below the required " +
              requirements.min_version->to_string());
    }
  }
  return result;
}

} // namespace gatekit::manifest
