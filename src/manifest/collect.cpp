#include <gatekit/common/file_io.hpp>
#include <gatekit/common/input_paths.hpp>
#include <gatekit/common/process.hpp>
#include <gatekit/common/text.hpp>
#include <gatekit/manifest/artifact_name.hpp>
#include <gatekit/manifest/collect.hpp>
#include <gatekit/manifest/digest.hpp>

#include <algorithm>
#include <ctime>

namespace gatekit::manifest {
namespace {

namespace fs = std::filesystem;

// One file's manifest entry: its name relative to the working directory, size
// and digest.
Result<Artifact> hash_artifact(const std::string& path, const fs::path& working_directory) {
  Result<std::string> name = artifact_name(path, working_directory);
  if (!name) {
    return name.error();
  }
  Result<FileDigest> digest = sha256_file(path);
  if (!digest) {
    return digest.error();
  }
  return Artifact{name.value(), digest.value().size, digest.value().sha256};
}

// Every artifact the request names, hashed, sorted by name.
Result<std::vector<Artifact>> hash_artifacts(const std::vector<std::string>& entries,
                                             const fs::path& working_directory) {
  std::vector<Artifact> artifacts;
  if (entries.empty()) {
    return artifacts;
  }
  Result<std::vector<std::string>> paths = expand_input_paths(entries, {""});
  if (!paths) {
    return paths.error();
  }
  for (const std::string& path : paths.value()) {
    Result<Artifact> artifact = hash_artifact(path, working_directory);
    if (!artifact) {
      return artifact.error();
    }
    artifacts.push_back(std::move(artifact.value()));
  }
  std::sort(artifacts.begin(), artifacts.end(),
            [](const Artifact& a, const Artifact& b) { return a.name < b.name; });
  return artifacts;
}

} // namespace

Result<ManifestInput> collect_manifest_input(const CollectRequest& request,
                                             const github::EnvLookup& env,
                                             const fs::path& working_directory) {
  ManifestInput input;
  const std::string event_path = env("GITHUB_EVENT_PATH").value_or("");
  std::string event_json;
  if (!event_path.empty() && fs::exists(event_path)) {
    Result<std::string> text = read_file(event_path);
    if (!text) {
      return text.error();
    }
    event_json = std::move(text.value());
  }
  Result<Provenance> provenance = read_provenance(env, event_json);
  if (!provenance) {
    return provenance.error();
  }
  input.provenance = std::move(provenance.value());
  const GitRunner git = [&working_directory](const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"git"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_capture(argv, working_directory.string());
  };
  if (input.provenance.commit.empty()) {
    // A local run: record the commit git knows (best effort; none outside a repository).
    if (Result<std::string> head = git({"rev-parse", "HEAD"})) {
      input.provenance.commit = std::string(trim(head.value()));
    }
  }
  Result<VersionInfo> version =
      resolve_version(env, request.version_override, input.provenance, git);
  Result<std::string> created = creation_time(env, static_cast<std::int64_t>(std::time(nullptr)));
  if (!version || !created) {
    return version ? created.error() : version.error();
  }
  input.version = std::move(version.value());
  input.created_at = std::move(created.value());
  input.environment = request.environment;
  input.strategy = request.strategy;
  for (const auto& [kind, path] : request.reports) {
    Result<std::string> text = read_file(path);
    if (!text) {
      return text.error();
    }
    Result<Evidence> evidence = parse_evidence(text.value(), kind, path);
    if (!evidence) {
      return evidence.error();
    }
    evidence.value().report_sha256 = sha256_hex(text.value());
    input.evidence.push_back(std::move(evidence.value()));
  }
  Result<std::vector<Artifact>> artifacts = hash_artifacts(request.artifacts, working_directory);
  if (!artifacts) {
    return artifacts.error();
  }
  input.artifacts = std::move(artifacts.value());
  if (!request.flags_file.empty()) {
    Result<Artifact> flags_file = hash_artifact(request.flags_file, working_directory);
    if (!flags_file) {
      return flags_file.error();
    }
    input.flags_file = std::move(flags_file.value());
  }
  return input;
}

Result<FoundArtifacts> find_recorded_artifacts(const RecordedManifest& manifest,
                                               const std::string& artifact_dir) {
  FoundArtifacts found;
  for (const Artifact& artifact : manifest.artifacts) {
    std::string path = artifact.name;
    if (!artifact_dir.empty()) {
      // Names are relative and free of "..": parse_manifest refuses any other.
      const fs::path nested = fs::path(artifact_dir) / artifact.name;
      std::error_code exists_error;
      path = fs::exists(nested, exists_error)
                 ? nested.string()
                 : (fs::path(artifact_dir) / fs::path(artifact.name).filename()).string();
    }
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
      found.emplace_back(std::nullopt);
      continue;
    }
    Result<FileDigest> digest = sha256_file(path);
    if (!digest) {
      return digest.error();
    }
    found.emplace_back(digest.value());
  }
  return found;
}

} // namespace gatekit::manifest
