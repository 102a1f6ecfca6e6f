#include <gatekit/common/glob.hpp>
#include <gatekit/common/input_paths.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

namespace gatekit {
namespace {

namespace fs = std::filesystem;

// The part of a glob before its first wildcard component, where the walk starts.
std::string glob_base(const std::string& pattern) {
  std::string base;
  size_t start = 0;
  while (start <= pattern.size()) {
    const size_t slash = pattern.find('/', start);
    const std::string component =
        pattern.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (has_glob_chars(component) || slash == std::string::npos) {
      break;
    }
    base += component + "/";
    start = slash + 1;
  }
  return base;
}

std::vector<std::string> walk_files(const std::string& root, bool& unreadable) {
  std::vector<std::string> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(root.empty() ? "." : root,
                                      fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    unreadable = true;
    return files;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      unreadable = true;
      break;
    }
    if (it->is_regular_file(ec)) {
      std::string path = it->path().lexically_normal().generic_string();
      if (root.empty() && path.rfind("./", 0) == 0) {
        path.erase(0, 2);
      }
      files.push_back(std::move(path));
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

Result<std::vector<std::string>> expand_one(const std::string& entry, std::string_view suffix) {
  std::error_code ec;
  if (has_glob_chars(entry) && !fs::exists(entry, ec)) {
    const std::string base = glob_base(entry);
    if (!base.empty() && !fs::is_directory(base, ec)) {
      return make_error(entry, "no files match this pattern (" + base + " does not exist)");
    }
    bool unreadable = false;
    std::vector<std::string> matches;
    const bool dot_prefixed = entry.rfind("./", 0) == 0;
    for (const std::string& file : walk_files(base, unreadable)) {
      const std::string candidate = dot_prefixed && file.rfind("./", 0) != 0 ? "./" + file : file;
      if (glob_match(entry, candidate)) {
        matches.push_back(file);
      }
    }
    if (matches.empty()) {
      return make_error(entry, "no files match this pattern");
    }
    return matches;
  }
  if (fs::is_directory(entry, ec)) {
    bool unreadable = false;
    std::vector<std::string> matches;
    for (const std::string& file : walk_files(entry, unreadable)) {
      if (file.size() >= suffix.size() &&
          file.compare(file.size() - suffix.size(), suffix.size(), suffix) == 0) {
        matches.push_back(file);
      }
    }
    if (matches.empty()) {
      return make_error(entry, "directory holds no *" + std::string(suffix) + " files");
    }
    return matches;
  }
  if (!fs::exists(entry, ec)) {
    return make_error(entry, "no such file");
  }
  return std::vector<std::string>{entry};
}

} // namespace

Result<std::vector<std::string>> expand_input_paths(const std::vector<std::string>& entries,
                                                    std::string_view directory_suffix) {
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
