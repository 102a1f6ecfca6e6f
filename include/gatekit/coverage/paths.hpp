#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gatekit::coverage {

// How report paths become repository-relative paths, so that /app/src/x.py
// from a container, src\x.py from Windows and ./src/x.py are one file.
struct PathOptions {
  std::vector<std::pair<std::string, std::string>> maps; // --path-map FROM=TO, first match wins
  std::vector<std::string> strip_prefixes;               // --strip-prefix
  std::string source_root; // --source-root: where relative report paths start, repo-relative
  std::vector<std::string>
      workspaces; // absolute prefixes of the repository (cwd, $GITHUB_WORKSPACE)
};

// '\' -> '/', "./" and "//" and "x/.." folded, trailing '/' dropped.
std::string normalise_path(std::string_view path);

// Whether a repository-relative path exists; injected so resolution stays pure.
using PathExists = std::function<bool(const std::string&)>;

// The repository-relative path of a file named `report_path` in a report
// whose <sources> roots are `source_roots`:
// 1. normalise; apply the first matching --path-map, else --strip-prefix;
// 2. a relative path is joined to each source root (mapped the same way) and
//    the first join that is inside the repository and exists wins, else the
//    first inside the repository; with no such root, --source-root is prefixed;
// 3. an absolute path loses its workspace prefix.
std::string resolve_report_path(const std::string& report_path,
                                const std::vector<std::string>& source_roots,
                                const PathOptions& options, const PathExists& exists);

} // namespace gatekit::coverage
