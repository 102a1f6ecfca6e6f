#pragma once

#include <gatekit/github/outputs.hpp>
#include <gatekit/manifest/manifest.hpp>

#include <string>

namespace gatekit::manifest {

// The schema identifier written into every manifest.
inline constexpr const char* k_manifest_schema =
    "https://gatekit.dev/schemas/deployment-manifest/v1";

// The deployment manifest as JSON: keys in a fixed order, artifacts sorted by
// name, so the same inputs give the same bytes (docs/schemas/ describes it).
std::string render_manifest(const ManifestInput& input);

// An in-toto Statement v1 whose subjects are the artifacts and whose
// predicate is SLSA Provenance v1 (GitHub Actions workflow build type).
std::string render_in_toto(const ManifestInput& input);

// The predicate alone, as GitHub's attestation actions take it (predicate-path).
std::string render_slsa_predicate(const ManifestInput& input);

// The artifacts' digests in sha256sum's format ("HEX  NAME"), which
// `sha256sum -c` verifies and the attestation actions take as subject-checksums.
std::string render_checksums(const ManifestInput& input);

// Markdown step summary and terminal text of a written manifest.
std::string render_manifest_summary(const ManifestInput& input, const std::string& path,
                                    bool markdown);

// version, manifest, sha256 (of the manifest file), gates_passed.
github::Outputs manifest_outputs(const ManifestInput& input, const std::string& path,
                                 const std::string& sha256);

} // namespace gatekit::manifest
