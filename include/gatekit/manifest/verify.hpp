#pragma once

#include <gatekit/common/error.hpp>
#include <gatekit/manifest/digest.hpp>
#include <gatekit/manifest/manifest.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gatekit::manifest {

// What verify reads back from a manifest.
struct RecordedManifest {
  std::string version;
  std::optional<SemVer> semver;
  std::string environment;
  bool gates_passed = false;
  std::size_t evidence_count = 0;
  std::vector<Artifact> artifacts;
};

// Parses a manifest written by manifest-gen, checking its structure (the
// rules of docs/schemas/deployment-manifest.schema.json that verify relies
// on). Errors carry the JSON path of the offending value.
Result<RecordedManifest> parse_manifest(std::string_view text, const std::string& source);

// What the deployment requires of the manifest besides matching artifacts.
struct VerifyRequirements {
  bool require_gates = false;        // gates_passed, with at least one gate embedded
  std::string environment;           // must equal the manifest's, when given
  std::optional<SemVer> min_version; // the manifest's version must be at least this
};

// Each artifact's file as found now; nullopt when it is missing.
using FoundArtifacts = std::vector<std::optional<FileDigest>>;

// The outcome: every problem found, one line each.
struct VerifyResult {
  bool verified = true;
  std::vector<std::string> problems;
};

// Compares the manifest with the artifacts found (same order as
// manifest.artifacts) and the requirements; pure.
VerifyResult verify_manifest(const RecordedManifest& manifest, const FoundArtifacts& found,
                             const VerifyRequirements& requirements);

} // namespace gatekit::manifest
