#pragma once

#include <gatekit/common/error.hpp>
#include <gatekit/flags/model.hpp>

#include <string>
#include <string_view>

namespace gatekit::flags {

// Reads a flag file from its text: JSON or YAML, the own format or flagd
// (told apart by content: flagd flags have "state"/"variants"). Structural
// problems (wrong types, unknown strategy, bad dates, duplicate keys, ...)
// become findings; only text that is not JSON/YAML at all, or has no "flags"
// object, fails with a located error.
Result<FlagFile> parse_flag_file(std::string_view text, const std::string& path);

} // namespace gatekit::flags
