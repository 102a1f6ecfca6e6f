#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace gatekit::github {

// Looks up an environment variable; injected so tests need no real environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment as an EnvLookup.
EnvLookup process_environment();

// What a tool needs to know about the GitHub Actions run it is part of.
// Outside Actions every field is empty and `in_actions` is false.
struct Context {
  bool in_actions = false;  // GITHUB_ACTIONS=true
  std::string output_file;  // GITHUB_OUTPUT
  std::string summary_file; // GITHUB_STEP_SUMMARY
  std::string workspace;    // GITHUB_WORKSPACE
  // Where the workspace lives on the runner host. Reports written by steps
  // outside a Docker action hold host paths (/home/runner/work/app/app/...),
  // while inside the action GITHUB_WORKSPACE is /github/workspace.
  std::vector<std::string> host_workspaces;

  // Every prefix that makes a path repository-relative.
  std::vector<std::string> workspaces() const;
};

// Reads the context from the environment.
Context read_context(const EnvLookup& env);

} // namespace gatekit::github
