#include <gatekit/github/context.hpp>

#include <cstdlib>

namespace gatekit::github {

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) {
      return std::nullopt;
    }
    return std::string(value);
  };
}

Context read_context(const EnvLookup& env) {
  Context context;
  context.in_actions = env("GITHUB_ACTIONS").value_or("") == "true";
  context.output_file = env("GITHUB_OUTPUT").value_or("");
  context.summary_file = env("GITHUB_STEP_SUMMARY").value_or("");
  context.workspace = env("GITHUB_WORKSPACE").value_or("");
  const std::string repository = env("GITHUB_REPOSITORY").value_or("");
  const std::string name = repository.substr(repository.rfind('/') + 1);
  if (!name.empty()) {
    const std::string runner_workspace = env("RUNNER_WORKSPACE").value_or("");
    if (!runner_workspace.empty()) {
      context.host_workspaces.push_back(runner_workspace + "/" + name);
    }
    // GitHub-hosted runners check out to /home/runner/work/<repo>/<repo>.
    context.host_workspaces.push_back("/home/runner/work/" + name + "/" + name);
  }
  return context;
}

std::vector<std::string> Context::workspaces() const {
  std::vector<std::string> all;
  if (!workspace.empty()) {
    all.push_back(workspace);
  }
  all.insert(all.end(), host_workspaces.begin(), host_workspaces.end());
  return all;
}

} // namespace gatekit::github
