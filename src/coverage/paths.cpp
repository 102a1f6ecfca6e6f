#include <gatekit/coverage/paths.hpp>

#include <filesystem>

namespace gatekit::coverage {
namespace {

bool starts_with_path(const std::string& path, const std::string& prefix) {
  if (prefix.empty()) {
    return false;
  }
  if (path.size() == prefix.size()) {
    return path == prefix;
  }
  return path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0 &&
         (prefix.back() == '/' || path[prefix.size()] == '/');
}

std::string after_prefix(const std::string& path, const std::string& prefix) {
  std::string rest = path.substr(prefix.size());
  while (!rest.empty() && rest.front() == '/') {
    rest.erase(0, 1);
  }
  return rest;
}

bool is_absolute(const std::string& path) {
  return (!path.empty() && path.front() == '/') ||
         (path.size() >= 2 && path[1] == ':' &&
          ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z')));
}

std::string join(const std::string& root, const std::string& path) {
  if (root.empty() || root == ".") {
    return path;
  }
  return normalise_path(root + "/" + path);
}

// --path-map, else --strip-prefix, on a normalised path.
std::string map_path(const std::string& path, const PathOptions& options) {
  for (const auto& [from, to] : options.maps) {
    const std::string source = normalise_path(from);
    if (starts_with_path(path, source)) {
      return join(normalise_path(to), after_prefix(path, source));
    }
  }
  for (const std::string& prefix : options.strip_prefixes) {
    const std::string normal = normalise_path(prefix);
    if (starts_with_path(path, normal)) {
      return after_prefix(path, normal);
    }
  }
  return path;
}

// Relative to the first workspace containing it; unchanged if none does.
std::string strip_workspace(const std::string& path, const PathOptions& options) {
  for (const std::string& workspace : options.workspaces) {
    const std::string normal = normalise_path(workspace);
    if (starts_with_path(path, normal)) {
      return after_prefix(path, normal);
    }
  }
  return path;
}

} // namespace

std::string normalise_path(std::string_view path) {
  std::string text(path);
  for (char& c : text) {
    if (c == '\\') {
      c = '/';
    }
  }
  std::string normal = std::filesystem::path(text).lexically_normal().generic_string();
  while (normal.size() > 1 && normal.back() == '/') {
    normal.pop_back();
  }
  if (normal == ".") {
    return "";
  }
  return normal;
}

std::string resolve_report_path(const std::string& report_path,
                                const std::vector<std::string>& source_roots,
                                const PathOptions& options, const PathExists& exists) {
  const std::string path = map_path(normalise_path(report_path), options);
  if (is_absolute(path)) {
    return strip_workspace(path, options);
  }
  std::string first_inside;
  for (const std::string& root : source_roots) {
    const std::string mapped_root =
        strip_workspace(map_path(normalise_path(root), options), options);
    if (is_absolute(mapped_root)) {
      continue; // a root outside the repository (e.g. /app in a container) without a --path-map
    }
    const std::string candidate = join(mapped_root, path);
    if (exists && exists(candidate)) {
      return candidate;
    }
    if (first_inside.empty()) {
      first_inside = candidate;
    }
  }
  if (!first_inside.empty()) {
    return first_inside;
  }
  return options.source_root.empty() ? path : join(normalise_path(options.source_root), path);
}

} // namespace gatekit::coverage
