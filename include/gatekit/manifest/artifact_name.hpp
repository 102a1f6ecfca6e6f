#pragma once

#include <gatekit/common/error.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace gatekit::manifest {

// The name an artifact is recorded under: its path relative to the working
// directory, '/'-separated and normalised ("./dist//a.tgz" is "dist/a.tgz";
// an absolute path inside the working directory is made relative). Refused,
// naming the path:
// - paths outside the working directory, since verify looks names up under
//   --artifact-dir and a name must not lead out of it;
// - line breaks, other control characters and backslashes, which would let a
//   file name add lines to the sha256sum-format checksums.
Result<std::string> artifact_name(std::string_view path,
                                  const std::filesystem::path& working_directory);

// Whether a name read from a manifest is one artifact_name could have
// written: relative, no "..", no control characters or backslashes. verify
// refuses any other, so a tampered manifest cannot make it read outside the
// artifact directory.
bool is_safe_artifact_name(std::string_view name);

} // namespace gatekit::manifest
