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
  return context;
}

} // namespace gatekit::github
