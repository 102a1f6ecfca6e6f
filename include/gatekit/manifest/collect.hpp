#pragma once

// The I/O edge of the manifest library: reads the run's variables and event
// payload, asks git when they are absent, reads the evidence reports and
// hashes the artifacts, and hands the pure parts (provenance.hpp, render.hpp,
// verify.hpp) plain data.

#include <gatekit/common/error.hpp>
#include <gatekit/github/context.hpp>
#include <gatekit/manifest/manifest.hpp>
#include <gatekit/manifest/verify.hpp>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace gatekit::manifest {

// What a manifest is written from, as the command line gives it.
struct CollectRequest {
  std::string version_override; // --version; "" to take it from the tag or commit
  std::string environment;
  std::string strategy;
  std::vector<std::pair<std::string, std::string>> reports; // (kind, path)
  std::vector<std::string> artifacts;                       // paths, directories, globs
  std::string flags_file;
};

// Everything a manifest holds, read and hashed. `working_directory` is the
// process's current directory, where relative paths are opened and git runs;
// artifact names are relative to it (artifact_name.hpp) and sorted. Fails
// naming the file (or variable) at fault.
Result<ManifestInput> collect_manifest_input(const CollectRequest& request,
                                             const github::EnvLookup& env,
                                             const std::filesystem::path& working_directory);

// Hashes the artifacts a manifest lists, in its order: under `artifact_dir`
// (the same layout, else the file name alone, as downloaded artifacts are
// flat), or as named when it is "". An artifact that is not there is nullopt.
Result<FoundArtifacts> find_recorded_artifacts(const RecordedManifest& manifest,
                                               const std::string& artifact_dir);

} // namespace gatekit::manifest
