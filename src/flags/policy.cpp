#include <gatekit/common/text.hpp>
#include <gatekit/flags/policy.hpp>
#include <gatekit/flags/report.hpp>
#include <gatekit/flags/rollout.hpp>

#include <algorithm>
#include <cstdio>

namespace gatekit::flags {
namespace {

Error located(const std::string& path, const Node& node, std::string message) {
  Error error = make_error(path, std::move(message), node.line, node.column);
  error.where.json_path = node.path();
  return error;
}

Result<std::vector<PolicyEntry>> names(const Node* list, const std::string& path) {
  std::vector<PolicyEntry> entries;
  if (list == nullptr) {
    return entries;
  }
  if (list->kind != Node::Kind::array) {
    return located(path, *list, "expected an array of flag names, got " + describe(*list));
  }
  for (const Node& item : list->items) {
    if (item.kind != Node::Kind::string) {
      return located(path, item, "expected a flag name, got " + describe(item));
    }
    entries.push_back(PolicyEntry{item.text, locate(path, item)});
  }
  return entries;
}

} // namespace

Result<EnvironmentPolicy> parse_policy(std::string_view text, const std::string& path,
                                       const std::string& environment) {
  Result<Document> document = parse_document(text, path);
  if (!document) {
    return document.error();
  }
  const Node& root = document.value().root;
  const Node* environments = root.is_object() ? root.find("environments") : nullptr;
  if (environments == nullptr || !environments->is_object() || environments->members.empty()) {
    return located(path, environments != nullptr ? *environments : root,
                   "expected {\"environments\": {NAME: {\"must_be_off\": [...], ...}}}");
  }
  if (!document.value().duplicates.empty()) {
    const DuplicateKey& duplicate = document.value().duplicates.front();
    Error error = make_error(
        path, "duplicate key (first written on line " + std::to_string(duplicate.first_line) + ")",
        duplicate.line, duplicate.column);
    error.where.json_path = duplicate.path;
    return error;
  }
  std::vector<std::string> known;
  for (const auto& [name, value] : environments->members) {
    known.push_back(name);
  }
  if (environment.empty() && known.size() > 1) {
    return located(path, *environments,
                   "the policy has several environments (" + join(known, ", ") +
                       "): choose one with --environment");
  }
  const std::string chosen = environment.empty() ? known.front() : environment;
  const Node* section = environments->find(chosen);
  if (section == nullptr) {
    return located(path, *environments,
                   "no environment \"" + chosen + "\" in the policy (it has " + join(known, ", ") +
                       ")");
  }
  if (!section->is_object()) {
    return located(path, *section, "expected an object of rules, got " + describe(*section));
  }
  EnvironmentPolicy policy;
  policy.environment = chosen;
  for (const auto& [name, value] : section->members) {
    static const std::vector<std::string> k_known = {"required", "must_be_on", "must_be_off",
                                                     "allowed_strategies", "max_percentage"};
    if (std::find(k_known.begin(), k_known.end(), name) == k_known.end()) {
      return located(path, value,
                     "unknown policy rule \"" + name + "\" (known: " + join(k_known, ", ") + ")");
    }
  }
  for (const auto& [name, target] :
       {std::pair{"required", &policy.required}, std::pair{"must_be_on", &policy.must_be_on},
        std::pair{"must_be_off", &policy.must_be_off}}) {
    Result<std::vector<PolicyEntry>> entries = names(section->find(name), path);
    if (!entries) {
      return entries.error();
    }
    *target = std::move(entries.value());
  }
  Result<std::vector<PolicyEntry>> strategies = names(section->find("allowed_strategies"), path);
  if (!strategies) {
    return strategies.error();
  }
  for (const PolicyEntry& entry : strategies.value()) {
    static const std::vector<std::string> k_strategies = {"all_at_once", "percentage",
                                                          "progressive", "canary"};
    if (std::find(k_strategies.begin(), k_strategies.end(), entry.name) == k_strategies.end()) {
      Error error = make_error(
          path, "unknown strategy \"" + entry.name + "\" (known: " + join(k_strategies, ", ") + ")",
          entry.where.line, entry.where.column);
      error.where.json_path = entry.where.json_path;
      return error;
    }
    policy.allowed_strategies.push_back(entry.name);
  }
  if (const Node* max = section->find("max_percentage")) {
    if (max->kind != Node::Kind::number || max->number < 0 || max->number > 100) {
      return located(path, *max, "expected a percentage from 0 to 100, got " + describe(*max));
    }
    policy.max_percentage = max->number;
  }
  return policy;
}

std::vector<Finding> check_policy(const FlagFile& file, const EnvironmentPolicy& policy,
                                  Instant at) {
  std::vector<Finding> findings;
  const std::string env = policy.environment;
  const auto violation = [&](const Location& where, const std::string& flag, std::string message) {
    findings.push_back(
        Finding{Severity::error, "policy", "policy " + env + ": " + message, where, flag});
  };
  const auto missing = [&](const PolicyEntry& entry, const char* rule) {
    Location where = file.flags_at;
    where.json_path = "/flags/" + json_pointer_token(entry.name);
    violation(where, entry.name,
              "flag " + entry.name + " is " + rule + " but the file does not define it");
  };
  for (const PolicyEntry& entry : policy.required) {
    if (file.find(entry.name) == nullptr) {
      missing(entry, "required");
    }
  }
  for (const PolicyEntry& entry : policy.must_be_on) {
    const Flag* flag = file.find(entry.name);
    if (flag == nullptr) {
      missing(entry, "required on");
    } else if (!is_on(*flag)) {
      violation(flag->enabled_at, flag->key, "flag " + flag->key + " must be on but is off");
    }
  }
  for (const PolicyEntry& entry : policy.must_be_off) {
    const Flag* flag = file.find(entry.name);
    if (flag != nullptr && is_on(*flag)) {
      violation(flag->enabled_at, flag->key,
                "flag " + flag->key + " must be off in " + env + " but is on");
    }
  }
  for (const Flag& flag : file.flags) {
    if (file.format != Format::own || !flag.enabled) {
      continue;
    }
    const std::string strategy = strategy_name(flag.strategy);
    if (!policy.allowed_strategies.empty() &&
        std::find(policy.allowed_strategies.begin(), policy.allowed_strategies.end(), strategy) ==
            policy.allowed_strategies.end()) {
      violation(flag.strategy_at, flag.key,
                "flag " + flag.key + " uses rollout_strategy " + strategy + ", not allowed (" +
                    join(policy.allowed_strategies, ", ") + ")");
    }
    const RolloutState state = rollout_state(flag, at);
    if (policy.max_percentage && state.percentage && *state.percentage > *policy.max_percentage) {
      violation(
          flag.strategy == Strategy::percentage ? flag.percentage_at : flag.strategy_at, flag.key,
          "flag " + flag.key + " reaches " + decimal_text(*state.percentage) +
              "% of users, above the maximum of " + decimal_text(*policy.max_percentage) + "%");
    }
  }
  return findings;
}

} // namespace gatekit::flags
