#include <gatekit/manifest/artifact_name.hpp>

#include <algorithm>

namespace gatekit::manifest {
namespace {

namespace fs = std::filesystem;

bool has_unsafe_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7F || c == '\\';
  });
}

bool leaves_its_directory(const fs::path& relative) {
  return std::any_of(relative.begin(), relative.end(),
                     [](const fs::path& part) { return part == ".."; });
}

} // namespace

Result<std::string> artifact_name(std::string_view path, const fs::path& working_directory) {
  const std::string shown(path);
  if (has_unsafe_character(path)) {
    return make_error(shown, "the name holds a line break, control character or backslash, "
                             "which a checksums file cannot carry; rename the artifact");
  }
  fs::path relative = fs::path(shown).lexically_normal();
  if (relative.is_absolute()) {
    relative = relative.lexically_relative(working_directory.lexically_normal());
  }
  if (relative.empty() || relative == "." || relative.is_absolute() ||
      leaves_its_directory(relative)) {
    return make_error(shown, "is outside the working directory " +
                                 working_directory.generic_string() +
                                 "; artifacts are recorded by their path inside it");
  }
  return relative.generic_string();
}

bool is_safe_artifact_name(std::string_view name) {
  if (name.empty() || has_unsafe_character(name)) {
    return false;
  }
  const fs::path path{std::string(name)};
  return !path.is_absolute() && !leaves_its_directory(path);
}

} // namespace gatekit::manifest
