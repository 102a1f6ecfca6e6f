// manifest-gen: writes a deployment manifest from the run's provenance, the
// other gates' reports and the artifacts' digests, or verifies one. Glue only.

#include "options.hpp"

#include <gatekit/common/cli.hpp>
#include <gatekit/common/file_io.hpp>
#include <gatekit/common/text.hpp>
#include <gatekit/github/context.hpp>
#include <gatekit/github/escape.hpp>
#include <gatekit/github/publish.hpp>
#include <gatekit/manifest/collect.hpp>
#include <gatekit/manifest/digest.hpp>
#include <gatekit/manifest/render.hpp>
#include <gatekit/manifest/verify.hpp>

#include <filesystem>
#include <iostream>
#include <optional>

namespace {

using gatekit::ExitCode;
namespace manifest = gatekit::manifest;
namespace fs = std::filesystem;

constexpr const char* k_tool = "manifest-gen";

ExitCode write(const manifest_gen::Options& options, const gatekit::github::Context& context,
               const gatekit::github::EnvLookup& env) {
  manifest::CollectRequest request;
  request.version_override = options.version;
  request.environment = options.environment;
  request.strategy = options.strategy;
  request.reports = options.reports;
  request.artifacts = options.artifacts;
  request.flags_file = options.flags_file;
  gatekit::Result<manifest::ManifestInput> input =
      manifest::collect_manifest_input(request, env, fs::current_path());
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
  gatekit::Result<manifest::FoundArtifacts> found =
      manifest::find_recorded_artifacts(recorded.value(), options.artifact_dir);
  if (!found) {
    return gatekit::report_input_error(k_tool, found.error().to_string());
  }
  manifest::VerifyRequirements requirements;
  requirements.require_gates = options.require_gates;
  requirements.environment = options.environment;
  requirements.min_version = options.min_version;
  const manifest::VerifyResult result =
      manifest::verify_manifest(recorded.value(), found.value(), requirements);

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
  if (const std::optional<ExitCode> answered =
          gatekit::answer_info_request(k_tool, options.info, std::cout)) {
    return *answered;
  }
  const gatekit::github::EnvLookup env = gatekit::github::process_environment();
  const gatekit::github::Context context = gatekit::github::read_context(env);
  return options.verify.empty() ? write(options, context, env) : verify(options, context);
}

} // namespace

int main(int argc, char** argv) {
  return gatekit::run_tool(k_tool, [&] { return run(argc, argv); });
}
