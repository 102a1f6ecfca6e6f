#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gatekit::manifest {

// A Semantic Versioning 2.0.0 version: MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD].
struct SemVer {
  std::uint64_t major = 0;
  std::uint64_t minor = 0;
  std::uint64_t patch = 0;
  std::vector<std::string> prerelease; // dot-separated identifiers
  std::string build;                   // ignored for precedence

  std::string to_string() const;
};

// Parses a version as semver.org's grammar defines it (no leading zeros in
// numbers or numeric pre-release identifiers, [0-9A-Za-z-] identifiers); one
// leading 'v' (a tag such as v1.2.3) is accepted. nullopt otherwise.
std::optional<SemVer> parse_semver(std::string_view text);

// Precedence: <0, 0, >0 as a is lower, equal, higher than b (build ignored;
// a pre-release is lower than its release; numeric identifiers below alphanumeric).
int compare(const SemVer& a, const SemVer& b);

} // namespace gatekit::manifest
