#include <gatekit/common/text.hpp>
#include <gatekit/github/escape.hpp>
#include <gatekit/github/markdown.hpp>
#include <gatekit/manifest/render.hpp>

#include <nlohmann/json.hpp>

namespace gatekit::manifest {
namespace {

using nlohmann::ordered_json;

ordered_json or_null(const std::string& value) {
  return value.empty() ? ordered_json(nullptr) : ordered_json(value);
}

ordered_json artifact_json(const Artifact& artifact) {
  return {{"name", artifact.name}, {"size", artifact.size}, {"sha256", artifact.sha256}};
}

std::string dump(const ordered_json& json) {
  return json.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

} // namespace

std::string render_manifest(const ManifestInput& input) {
  const Provenance& p = input.provenance;
  ordered_json json;
  json["schema"] = k_manifest_schema;
  json["version"] = input.version.version;
  json["version_source"] = input.version.source;
  json["created_at"] = input.created_at;
  json["environment"] = or_null(input.environment);
  json["strategy"] = or_null(input.strategy);
  json["source"] = {{"repository", or_null(p.repository)},
                    {"commit", or_null(p.commit)},
                    {"ref", or_null(p.ref)},
                    {"ref_type", or_null(p.ref_type)},
                    {"pull_request", or_null(p.pull_request)},
                    {"head_commit", or_null(p.head_commit)}};
  json["run"] = {{"workflow", or_null(p.workflow)},   {"workflow_ref", or_null(p.workflow_ref)},
                 {"run_id", or_null(p.run_id)},       {"run_attempt", or_null(p.run_attempt)},
                 {"run_url", or_null(p.run_url)},     {"actor", or_null(p.actor)},
                 {"runner_os", or_null(p.runner_os)}, {"event", or_null(p.event)}};
  ordered_json evidence = ordered_json::object();
  for (const Evidence& item : input.evidence) {
    evidence[item.kind] = {{"tool", item.tool},
                           {"gate_passed", item.passed},
                           {"reasons", item.reasons},
                           {"totals", item.totals_json.empty()
                                          ? ordered_json(nullptr)
                                          : ordered_json::parse(item.totals_json)},
                           {"report", {{"name", item.report}, {"sha256", item.report_sha256}}}};
  }
  json["evidence"] = evidence;
  json["gates_passed"] = input.gates_passed();
  ordered_json artifacts = ordered_json::array();
  for (const Artifact& artifact : input.artifacts) {
    artifacts.push_back(artifact_json(artifact));
  }
  json["artifacts"] = artifacts;
  json["flags_file"] = input.flags_file ? artifact_json(*input.flags_file) : ordered_json(nullptr);
  return dump(json);
}

std::string render_slsa_predicate(const ManifestInput& input) {
  const Provenance& p = input.provenance;
  // The workflow file path and ref, from "owner/repo/.github/workflows/x.yml@refs/heads/main".
  std::string workflow_path;
  std::string workflow_ref = p.ref;
  if (const size_t at = p.workflow_ref.rfind('@'); at != std::string::npos) {
    const std::string path = p.workflow_ref.substr(0, at);
    workflow_ref = p.workflow_ref.substr(at + 1);
    if (!p.repository.empty() && path.rfind(p.repository + "/", 0) == 0) {
      workflow_path = path.substr(p.repository.size() + 1);
    }
  }
  const std::string server = p.server_url.empty() ? "https://github.com" : p.server_url;
  ordered_json resolved = ordered_json::array();
  if (!p.repository.empty() && !p.commit.empty()) {
    resolved.push_back({{"uri", "git+" + server + "/" + p.repository +
                                    (p.ref.empty() ? std::string() : "@" + p.ref)},
                        {"digest", {{"gitCommit", p.commit}}}});
  }
  ordered_json predicate;
  predicate["buildDefinition"] = {
      {"buildType", "https://actions.github.io/buildtypes/workflow/v1"},
      {"externalParameters",
       {{"workflow",
         {{"ref", workflow_ref},
          {"repository", p.repository.empty() ? "" : server + "/" + p.repository},
          {"path", workflow_path}}}}},
      {"internalParameters",
       {{"github", {{"event_name", p.event}, {"runner_environment", p.runner_environment}}},
        {"gatekit",
         {{"version", input.version.version},
          {"environment", input.environment},
          {"strategy", input.strategy},
          {"gates_passed", input.gates_passed()}}}}},
      {"resolvedDependencies", resolved}};
  ordered_json byproducts = ordered_json::array();
  for (const Evidence& item : input.evidence) {
    byproducts.push_back({{"name", item.report}, {"digest", {{"sha256", item.report_sha256}}}});
  }
  predicate["runDetails"] = {
      {"builder", {{"id", p.workflow_ref.empty() ? "" : server + "/" + p.workflow_ref}}},
      {"metadata", {{"invocationId", p.run_url}, {"startedOn", input.created_at}}},
      {"byproducts", byproducts}};
  return dump(predicate);
}

std::string render_in_toto(const ManifestInput& input) {
  ordered_json statement;
  statement["_type"] = "https://in-toto.io/Statement/v1";
  ordered_json subjects = ordered_json::array();
  for (const Artifact& artifact : input.artifacts) {
    subjects.push_back({{"name", artifact.name}, {"digest", {{"sha256", artifact.sha256}}}});
  }
  statement["subject"] = subjects;
  statement["predicateType"] = "https://slsa.dev/provenance/v1";
  statement["predicate"] = ordered_json::parse(render_slsa_predicate(input));
  return dump(statement);
}

std::string render_checksums(const ManifestInput& input) {
  std::string text;
  for (const Artifact& artifact : input.artifacts) {
    text += artifact.sha256 + "  " + artifact.name + "\n";
  }
  return text;
}

std::string render_manifest_summary(const ManifestInput& input, const std::string& path,
                                    bool markdown) {
  const std::string verdict = input.evidence.empty() ? "no gate evidence embedded"
                              : input.gates_passed() ? "all embedded gates passed"
                                                     : "an embedded gate failed";
  if (!markdown) {
    std::string text = "manifest-gen: wrote " + single_line(path) + " (version " +
                       single_line(input.version.version) + ", " + verdict + ")\n";
    for (const Evidence& item : input.evidence) {
      text += "  " + item.kind + ": " + (item.passed ? "passed" : "FAILED") + " (" +
              single_line(item.tool) + ")\n";
    }
    for (const Artifact& artifact : input.artifacts) {
      text += "  " + artifact.sha256 + "  " + single_line(artifact.name) + " (" +
              std::to_string(artifact.size) + " bytes)\n";
    }
    return text;
  }
  std::string text = std::string(input.gates_passed() ? "## ✅" : "## ❌") +
                     " manifest-gen: " + github::escape_markdown(input.version.version) + "\n\n" +
                     github::escape_markdown(verdict) + "; written to " +
                     github::escape_markdown(path) + ".\n\n";
  std::vector<std::vector<github::MarkdownCell>> evidence;
  for (const Evidence& item : input.evidence) {
    evidence.push_back({{item.kind, false},
                        {item.tool, false},
                        {item.passed ? "✅ passed" : "❌ failed", true},
                        {join(item.reasons, "; "), false}});
  }
  if (!evidence.empty()) {
    text += github::markdown_table({"Evidence", "Tool", "Gate", "Reasons"}, evidence) + "\n";
  }
  std::vector<std::vector<github::MarkdownCell>> artifacts;
  for (const Artifact& artifact : input.artifacts) {
    artifacts.push_back({{artifact.name, false},
                         {std::to_string(artifact.size), true},
                         {"`" + artifact.sha256 + "`", true}});
  }
  if (!artifacts.empty()) {
    text +=
        github::markdown_table({"Artifact", "Bytes", "SHA-256"}, artifacts, {false, true, false}) +
        "\n";
  }
  return text;
}

github::Outputs manifest_outputs(const ManifestInput& input, const std::string& path,
                                 const std::string& sha256) {
  return {{"version", input.version.version},
          {"manifest", path},
          {"sha256", sha256},
          {"gates_passed", input.gates_passed() ? "true" : "false"}};
}

} // namespace gatekit::manifest
