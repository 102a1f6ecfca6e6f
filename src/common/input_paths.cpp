#include <gatekit/common/glob.hpp>
#include <gatekit/common/input_paths.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

namespace gatekit {
namespace {

namespace fs = std::filesystem;

// The leading components of a glob without wildcards, where the walk starts
// ("" for the current directory), and how many components follow it.
struct GlobRoot {
  std::string base;
  size_t remaining_components = 0;
  bool recursive = false; // the pattern holds "**": any depth
};

GlobRoot glob_root(const std::string& pattern) {
  GlobRoot root;
  size_t start = 0;
  bool in_base = true;
  while (start <= pattern.size()) {
    const size_t slash = pattern.find('/', start);
    const std::string component =
        pattern.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (in_base && (has_glob_chars(component) || slash == std::string::npos)) {
      in_base = false;
    }
    if (in_base) {
      root.base += component + "/";
    } else {
      ++root.remaining_components;
      root.recursive = root.recursive || component.find("**") != std::string::npos;
    }
    if (slash == std::string::npos) {
      break;
    }
    start = slash + 1;
  }
  return root;
}

// The pattern in the form walked paths take: "a//b/./c/../d" -> "a/b/d".
std::string normalise_pattern(const std::string& pattern) {
  std::string normal = fs::path(pattern).lexically_normal().generic_string();
  while (normal.size() > 1 && normal.back() == '/') {
    normal.pop_back(); // "reports/**/" names directories: matched below
  }
  return normal;
}

bool has_suffix(const std::string& text, const std::vector<std::string>& suffixes) {
  for (const std::string& suffix : suffixes) {
    if (text.size() >= suffix.size() &&
        text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return true;
    }
  }
  return false;
}

// "*.xml or *.info" for messages.
std::string suffix_list(const std::vector<std::string>& suffixes) {
  std::string list;
  for (const std::string& suffix : suffixes) {
    list += (list.empty() ? "*" : " or *") + suffix;
  }
  return list;
}

// Files (and, when wanted, directories) below `root` down to `max_depth`
// levels (0: unlimited), as "root/relative" paths, sorted.
Result<std::vector<std::string>> walk(const std::string& root, size_t max_depth,
                                      bool with_directories) {
  std::vector<std::string> paths;
  std::error_code ec;
  const std::string start = root.empty() ? "." : root;
  fs::recursive_directory_iterator it(start, fs::directory_options::none, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const bool directory = it->is_directory(ec);
    if (ec) {
      break;
    }
    if (directory && max_depth > 0 && static_cast<size_t>(it.depth()) + 1 >= max_depth) {
      it.disable_recursion_pending();
    }
    if (directory ? with_directories : it->is_regular_file(ec)) {
      std::string path = it->path().lexically_normal().generic_string();
      if (root.empty() && path.rfind("./", 0) == 0) {
        path.erase(0, 2);
      }
      paths.push_back(std::move(path));
    }
  }
  if (ec) {
    return make_error(start, "cannot read directory: " + ec.message());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

Result<std::vector<std::string>> files_in_directory(const std::string& directory,
                                                    const std::vector<std::string>& suffix) {
  Result<std::vector<std::string>> files = walk(directory, 0, false);
  if (!files) {
    return files;
  }
  std::vector<std::string> matches;
  for (std::string& file : files.value()) {
    if (has_suffix(file, suffix)) {
      matches.push_back(std::move(file));
    }
  }
  return matches;
}

Result<std::vector<std::string>> expand_glob(const std::string& entry,
                                             const std::vector<std::string>& suffix) {
  const std::string pattern = normalise_pattern(entry);
  const GlobRoot root = glob_root(pattern);
  std::error_code ec;
  if (!root.base.empty() && !fs::is_directory(root.base, ec)) {
    return make_error(entry, "no files match this pattern (" + root.base + " does not exist)");
  }
  Result<std::vector<std::string>> candidates =
      walk(root.base, root.recursive ? 0 : root.remaining_components, true);
  if (!candidates) {
    return candidates;
  }
  std::vector<std::string> matches;
  for (const std::string& path : candidates.value()) {
    if (!glob_match(pattern, path)) {
      continue;
    }
    if (fs::is_directory(path, ec)) {
      // A matched directory (e.g. download-artifact's "reports/junit-*") holds reports.
      Result<std::vector<std::string>> inside = files_in_directory(path, suffix);
      if (!inside) {
        return inside;
      }
      matches.insert(matches.end(), inside.value().begin(), inside.value().end());
    } else {
      matches.push_back(path);
    }
  }
  if (matches.empty()) {
    return make_error(entry, "no files match this pattern");
  }
  return matches;
}

Result<std::vector<std::string>> expand_one(const std::string& entry,
                                            const std::vector<std::string>& suffix) {
  std::error_code ec;
  if (has_glob_chars(entry) && !fs::exists(entry, ec)) {
    return expand_glob(entry, suffix);
  }
  if (fs::is_directory(entry, ec)) {
    Result<std::vector<std::string>> files = files_in_directory(entry, suffix);
    if (files && files.value().empty()) {
      return make_error(entry, "directory holds no " + suffix_list(suffix) + " files");
    }
    return files;
  }
  if (!fs::exists(entry, ec)) {
    return make_error(entry, "no such file");
  }
  return std::vector<std::string>{entry};
}

} // namespace

Result<std::vector<std::string>> glob_files(const std::string& pattern_text) {
  const std::string pattern = normalise_pattern(pattern_text);
  const GlobRoot root = glob_root(pattern);
  std::error_code ec;
  std::vector<std::string> matches;
  if (!root.base.empty() && !fs::is_directory(root.base, ec)) {
    return matches;
  }
  Result<std::vector<std::string>> candidates =
      walk(root.base, root.recursive ? 0 : root.remaining_components, false);
  if (!candidates) {
    return candidates;
  }
  for (std::string& path : candidates.value()) {
    if (glob_match(pattern, path) && fs::is_regular_file(path, ec)) {
      matches.push_back(std::move(path));
    }
  }
  return matches;
}

Result<std::vector<std::string>>
expand_input_paths(const std::vector<std::string>& entries,
                   const std::vector<std::string>& directory_suffix) {
  std::vector<std::string> files;
  std::set<std::string> seen;
  for (const std::string& entry : entries) {
    Result<std::vector<std::string>> expanded = expand_one(entry, directory_suffix);
    if (!expanded) {
      return expanded.error();
    }
    for (std::string& file : expanded.value()) {
      const std::string key = fs::path(file).lexically_normal().generic_string();
      if (seen.insert(key).second) {
        files.push_back(std::move(file));
      }
    }
  }
  return files;
}

} // namespace gatekit
