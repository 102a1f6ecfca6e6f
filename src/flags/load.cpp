#include <gatekit/common/file_io.hpp>
#include <gatekit/flags/check.hpp>
#include <gatekit/flags/drift.hpp>
#include <gatekit/flags/load.hpp>
#include <gatekit/flags/parse.hpp>
#include <gatekit/flags/policy.hpp>

#include <algorithm>

namespace gatekit::flags {

Result<FlagFile> load_flag_file(const std::string& path) {
  Result<std::string> text = read_file(path);
  if (!text) {
    return text.error();
  }
  return parse_flag_file(text.value(), path);
}

Result<ValidationRun> run_validation(const ValidationRequest& request) {
  ValidationRun run;
  run.at = request.at;
  run.strict = request.strict;
  for (const std::string& path : request.files) {
    Result<FlagFile> file = load_flag_file(path);
    if (!file) {
      return file.error();
    }
    run.files.push_back(std::move(file.value()));
  }
  std::optional<EnvironmentPolicy> policy;
  if (!request.policy.empty()) {
    Result<std::string> text = read_file(request.policy);
    if (!text) {
      return text.error();
    }
    Result<EnvironmentPolicy> parsed =
        parse_policy(text.value(), request.policy, request.environment);
    if (!parsed) {
      return parsed.error();
    }
    policy = std::move(parsed.value());
    run.environment = policy->environment;
  }
  std::vector<Switch> switches;
  if (!request.workflow.empty()) {
    Result<std::string> text = read_file(request.workflow);
    if (!text) {
      return text.error();
    }
    Result<std::vector<Switch>> found = workflow_switches(text.value(), request.workflow);
    if (!found) {
      return found.error();
    }
    switches = std::move(found.value());
  }
  if (!request.env_prefix.empty()) {
    for (Switch& entry : environment_switches(request.environment_variables, request.env_prefix)) {
      switches.push_back(std::move(entry));
    }
  }
  std::vector<Finding> findings;
  // A switch is compared once per file that defines its flag, and unmatched
  // only when no file does.
  std::vector<bool> matched(switches.size(), false);
  for (const FlagFile& file : run.files) {
    findings.insert(findings.end(), file.findings.begin(), file.findings.end());
    for (Finding& finding : check_schedule(file, request.at)) {
      findings.push_back(std::move(finding));
    }
    if (policy) {
      for (Finding& finding : check_policy(file, *policy, request.at)) {
        findings.push_back(std::move(finding));
      }
    }
    std::vector<std::string> unmatched;
    for (Finding& finding : check_drift(file, switches, unmatched)) {
      findings.push_back(std::move(finding));
    }
    for (std::size_t i = 0; i < switches.size(); ++i) {
      if (file.find(switches[i].flag) != nullptr) {
        matched[i] = true;
        ++run.switches_compared;
      }
    }
  }
  for (std::size_t i = 0; i < switches.size(); ++i) {
    const std::string& variable = switches[i].variable;
    if (!matched[i] &&
        std::find(run.unmatched.begin(), run.unmatched.end(), variable) == run.unmatched.end()) {
      run.unmatched.push_back(variable);
    }
  }
  run.verdict = decide(std::move(findings), request.strict);
  return run;
}

} // namespace gatekit::flags
