#pragma once

#include <gatekit/common/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gatekit::coverage {

// The lines a change adds to one file (new-file line numbers, sorted).
struct ChangedFile {
  std::string path;                 // repository-relative, after the change
  std::vector<std::uint32_t> lines; // added or modified lines
};

// Parses a unified diff (git diff, diff -u). Added lines ("+") count as
// changed; context and deleted lines do not. Deleted and binary files are
// left out; a renamed file is listed under its new path. Fails, with the
// diff's line number, on a malformed hunk header.
Result<std::vector<ChangedFile>> parse_unified_diff(std::string_view text,
                                                    const std::string& source);

} // namespace gatekit::coverage
