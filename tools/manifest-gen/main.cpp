// manifest-gen: writes a deployment manifest from the run's provenance, the
// other gates' reports and the artifacts' digests, or verifies one. Glue only.

#include "options.hpp"

#include <gatekit/common/cli.hpp>
#include <gatekit/common/file_io.hpp>
#include <gatekit/common/input_paths.hpp>
#include <gatekit/common/process.hpp>
#include <gatekit/common/text.hpp>
#include <gatekit/github/context.hpp>
#include <gatekit/github/escape.hpp>
#include <gatekit/github/publish.hpp>
#include <gatekit/manifest/artifact_name.hpp>
#include <gatekit/manifest/digest.hpp>
#include <gatekit/manifest/render.hpp>
#include <gatekit/manifest/verify.hpp>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <iostream>

namespace {

using gatekit::ExitCode;
namespace manifest = gatekit::manifest;
namespace fs = std::filesystem;

constexpr const char* k_tool = "manifest-gen";

// One file's manifest entry: its name relative to the working directory, size
// and digest.
gatekit::Result<manifest::Artifact> hash_artifact(const std::string& path) {
  gatekit::Result<std::string> name = manifest::artifact_name(path, fs::current_path());
  if (!name) {
    return name.error();
  }
  gatekit::Result<manifest::FileDigest> digest = manifest::sha256_file(path);
  if (!digest) {
    return digest.error();
  }
  return manifest::Artifact{name.value(), digest.value().size, digest.value().sha256};
}

// Every artifact named by the options, hashed, sorted by name.
gatekit::Result<std::vector<manifest::Artifact>>
hash_artifacts(const std::vector<std::string>& entries) {
  std::vector<manifest::Artifact> artifacts;
  if (entries.empty()) {
    return artifacts;
  }
  gatekit::Result<std::vector<std::string>> paths = gatekit::expand_input_paths(entries, {""});
  if (!paths) {
    return paths.error();
  }
  for (const std::string& path : paths.value()) {
    gatekit::Result<manifest::Artifact> artifact = hash_artifact(path);
    if (!artifact) {
      return artifact.error();
    }
    artifacts.push_back(std::move(artifact.value()));
  }
  std::sort(
      artifacts.begin(), artifacts.end(),
      [](const manifest::Artifact& a, const manifest::Artifact& b) { return a.name < b.name; });
  return artifacts;
}

gatekit::Result<manifest::ManifestInput> gather(const manifest_gen::Options& options,
                                                const gatekit::github::EnvLookup& env) {
  manifest::ManifestInput input;
  const std::string event_path = env("GITHUB_EVENT_PATH").value_or("");
  std::string event_json;
  if (!event_path.empty() && fs::exists(event_path)) {
    gatekit::Result<std::string> text = gatekit::read_file(event_path);
    if (!text) {
      return text.error();
    }
    event_json = std::move(text.value());
  }
  gatekit::Result<manifest::Provenance> provenance = manifest::read_provenance(env, event_json);
  if (!provenance) {
    return provenance.error();
  }
  input.provenance = std::move(provenance.value());
  const manifest::GitRunner git = [](const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"git"};
    argv.insert(argv.end(), args.begin(), args.end());
    return gatekit::run_capture(argv, ".");
  };
  if (input.provenance.commit.empty()) {
    // A local run: record the commit git knows (best effort; none outside a repository).
    if (gatekit::Result<std::string> head = git({"rev-parse", "HEAD"})) {
      input.provenance.commit = std::string(gatekit::trim(head.value()));
    }
  }
  gatekit::Result<manifest::VersionInfo> version =
      manifest::resolve_version(env, options.version, input.provenance, git);
  gatekit::Result<std::string> created =
      manifest::creation_time(env, static_cast<std::int64_t>(std::time(nullptr)));
  if (!version || !created) {
    return version ? created.error() : version.error();
  }
  input.version = std::move(version.value());
  input.created_at = std::move(created.value());
  input.environment = options.environment;
  input.strategy = options.strategy;
  for (const auto& [kind, path] : options.reports) {
    gatekit::Result<std::string> text = gatekit::read_file(path);
    if (!text) {
      return text.error();
    }
    gatekit::Result<manifest::Evidence> evidence =
        manifest::parse_evidence(text.value(), kind, path);
    if (!evidence) {
      return evidence.error();
    }
    evidence.value().report_sha256 = manifest::sha256_hex(text.value());
    input.evidence.push_back(std::move(evidence.value()));
  }
  gatekit::Result<std::vector<manifest::Artifact>> artifacts = hash_artifacts(options.artifacts);
  if (!artifacts) {
    return artifacts.error();
  }
  input.artifacts = std::move(artifacts.value());
  if (!options.flags_file.empty()) {
    gatekit::Result<manifest::Artifact> flags_file = hash_artifact(options.flags_file);
    if (!flags_file) {
      return flags_file.error();
    }
    input.flags_file = std::move(flags_file.value());
  }
  return input;
}

ExitCode write(const manifest_gen::Options& options, const gatekit::github::Context& context,
               const gatekit::github::EnvLookup& env) {
  gatekit::Result<manifest::ManifestInput> input = gather(options, env);
  if (!input) {
    return gatekit::report_input_error(k_tool, input.error().to_string());
  }
  const manifest::ManifestInput& m = input.value();
  const std::string document =
      options.format == "in-toto" ? manifest::render_in_toto(m) : manifest::render_manifest(m);
  gatekit::github::Publication publication;
  publication.files.emplace_back(options.out, document);
  if (!options.checksums.empty()) {
    publication.files.emplace_back(options.checksums, manifest::render_checksums(m));
  }
  if (!options.predicate.empty()) {
    publication.files.emplace_back(options.predicate, manifest::render_slsa_predicate(m));
  }
  publication.outputs = manifest::manifest_outputs(m, options.out, manifest::sha256_hex(document));
  publication.outputs.emplace_back("verified", "");
  publication.text = manifest::render_manifest_summary(m, options.out, false);
  publication.markdown = manifest::render_manifest_summary(m, options.out, true);
  const gatekit::Status published = gatekit::github::publish(publication, context, std::cout);
  if (!published) {
    return gatekit::report_input_error(k_tool, published.error().to_string());
  }
  const bool gates_ok = m.gates_passed() && !m.evidence.empty();
  return options.require_gates && !gates_ok ? ExitCode::gate_failed : ExitCode::gate_passed;
}

ExitCode verify(const manifest_gen::Options& options, const gatekit::github::Context& context) {
  gatekit::Result<std::string> text = gatekit::read_file(options.verify);
  if (!text) {
    return gatekit::report_input_error(k_tool, text.error().to_string());
  }
  gatekit::Result<manifest::RecordedManifest> recorded =
      manifest::parse_manifest(text.value(), options.verify);
  if (!recorded) {
    return gatekit::report_input_error(k_tool, recorded.error().to_string());
  }
  manifest::FoundArtifacts found;
  for (const manifest::Artifact& artifact : recorded.value().artifacts) {
    std::string path = artifact.name;
    if (!options.artifact_dir.empty()) {
      // The same layout under DIR, else the file name alone (downloaded artifacts are flat).
      // Names are relative and free of "..": parse_manifest refuses any other.
      const fs::path nested = fs::path(options.artifact_dir) / artifact.name;
      std::error_code exists_error;
      path = fs::exists(nested, exists_error)
                 ? nested.string()
                 : (fs::path(options.artifact_dir) / fs::path(artifact.name).filename()).string();
    }
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
      found.emplace_back(std::nullopt);
      continue;
    }
    gatekit::Result<manifest::FileDigest> digest = manifest::sha256_file(path);
    if (!digest) {
      return gatekit::report_input_error(k_tool, digest.error().to_string());
    }
    found.emplace_back(digest.value());
  }
  manifest::VerifyRequirements requirements;
  requirements.require_gates = options.require_gates;
  requirements.environment = options.environment;
  requirements.min_version = options.min_version;
  const manifest::VerifyResult result =
      manifest::verify_manifest(recorded.value(), found, requirements);

  std::string summary = std::string("manifest-gen: ") +
                        (result.verified ? "VERIFIED " : "MISMATCH ") +
                        gatekit::single_line(options.verify) + " (version " +
                        gatekit::single_line(recorded.value().version) + ", " +
                        std::to_string(recorded.value().artifacts.size()) + " artifact(s))\n";
  for (const std::string& problem : result.problems) {
    summary += "  " + gatekit::single_line(problem) + "\n";
  }
  gatekit::github::Publication publication;
  publication.text = summary;
  publication.markdown =
      std::string(result.verified ? "## ✅" : "## ❌") + " manifest-gen verify\n\n";
  for (const std::string& problem : result.problems) {
    publication.markdown += "- " + gatekit::github::escape_markdown(problem) + "\n";
  }
  publication.outputs = {{"version", recorded.value().version},
                         {"manifest", options.verify},
                         {"sha256", manifest::sha256_hex(text.value())},
                         {"gates_passed", recorded.value().gates_passed ? "true" : "false"},
                         {"verified", result.verified ? "true" : "false"}};
  for (const std::string& problem : result.problems) {
    gatekit::github::Annotation annotation;
    annotation.title = "manifest-gen verify";
    annotation.message = problem;
    publication.annotations.push_back(std::move(annotation));
  }
  const gatekit::Status published = gatekit::github::publish(publication, context, std::cout);
  if (!published) {
    return gatekit::report_input_error(k_tool, published.error().to_string());
  }
  return result.verified ? ExitCode::gate_passed : ExitCode::gate_failed;
}

ExitCode run(int argc, const char* const* argv) {
  gatekit::Result<manifest_gen::Options> parsed = manifest_gen::parse_options(argc, argv);
  if (!parsed) {
    return gatekit::report_input_error(k_tool, parsed.error().to_string());
  }
  const manifest_gen::Options& options = parsed.value();
  if (options.show_help || options.show_version) {
    std::cout << (options.show_help ? options.help_text
                                    : std::string(k_tool) + " " + GATEKIT_VERSION)
              << '\n';
    return ExitCode::gate_passed;
  }
  const gatekit::github::EnvLookup env = gatekit::github::process_environment();
  const gatekit::github::Context context = gatekit::github::read_context(env);
  return options.verify.empty() ? write(options, context, env) : verify(options, context);
}

} // namespace

int main(int argc, char** argv) {
  return gatekit::run_tool(k_tool, [&] { return run(argc, argv); });
}
