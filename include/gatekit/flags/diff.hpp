#pragma once

// `flag-validate diff A B`: what changes, flag by flag, between two files
// (staging and production, or before and after a change).

#include <gatekit/flags/model.hpp>

#include <string>
#include <vector>

namespace gatekit::flags {

struct FlagChange {
  enum class Kind { added, removed, changed };
  Kind kind = Kind::changed;
  std::string key;
  std::vector<std::string> details; // "enabled: false -> true", one per field
};

// Flags of `before` in order (removed or changed), then flags only in `after`.
// Unchanged flags are left out.
std::vector<FlagChange> diff_flags(const FlagFile& before, const FlagFile& after);

// The changes as text, one flag per line followed by its details.
std::string render_diff_text(const FlagFile& before, const FlagFile& after,
                             const std::vector<FlagChange>& changes);

// The changes as JSON: {"before", "after", "changes": [{"flag", "change", "details"}]}.
std::string render_diff_json(const FlagFile& before, const FlagFile& after,
                             const std::vector<FlagChange>& changes);

} // namespace gatekit::flags
