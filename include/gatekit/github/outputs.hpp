#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gatekit::github {

// A step output, name and value, in the order they are written.
using Outputs = std::vector<std::pair<std::string, std::string>>;

// Formats outputs for $GITHUB_OUTPUT in the multi-line form
// "name<<DELIMITER\nvalue\nDELIMITER\n" with a fresh random delimiter that
// the value is checked not to contain, so a value cannot forge another output.
std::string format_outputs(const Outputs& outputs);

} // namespace gatekit::github
