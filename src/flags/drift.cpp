#include <gatekit/common/text.hpp>
#include <gatekit/flags/document.hpp>
#include <gatekit/flags/drift.hpp>

#include <algorithm>

namespace gatekit::flags {
namespace {

void collect(const Node& node, const std::string& path, std::vector<Switch>& switches) {
  for (const auto& [key, value] : node.members) {
    if (key == "env" && value.is_object()) {
      for (const auto& [variable, setting] : value.members) {
        const std::string text = setting.kind == Node::Kind::boolean
                                     ? (setting.boolean ? "true" : "false")
                                 : setting.kind == Node::Kind::string ? to_lower(setting.text)
                                                                      : "";
        if (text == "true" || text == "false") {
          switches.push_back(
              Switch{variable, to_lower(variable), text == "true", locate(path, setting)});
        }
      }
    }
    collect(value, path, switches);
  }
  for (const Node& item : node.items) {
    collect(item, path, switches);
  }
}

} // namespace

Result<std::vector<Switch>> workflow_switches(std::string_view text, const std::string& path) {
  Result<Document> document = parse_document(text, path);
  if (!document) {
    return document.error();
  }
  std::vector<Switch> switches;
  collect(document.value().root, path, switches);
  return switches;
}

std::vector<Switch>
environment_switches(const std::vector<std::pair<std::string, std::string>>& environment,
                     const std::string& prefix) {
  std::vector<Switch> switches;
  for (const auto& [name, value] : environment) {
    const std::string text = to_lower(trim(value));
    if (name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0 &&
        (text == "true" || text == "false")) {
      Location where;
      where.file = "environment";
      switches.push_back(Switch{name, to_lower(name.substr(prefix.size())), text == "true", where});
    }
  }
  std::sort(switches.begin(), switches.end(),
            [](const Switch& a, const Switch& b) { return a.variable < b.variable; });
  return switches;
}

std::vector<Finding> check_drift(const FlagFile& file, const std::vector<Switch>& switches,
                                 std::vector<std::string>& unmatched) {
  std::vector<Finding> findings;
  for (const Switch& entry : switches) {
    const Flag* flag = file.find(entry.flag);
    if (flag == nullptr) {
      if (std::find(unmatched.begin(), unmatched.end(), entry.variable) == unmatched.end()) {
        unmatched.push_back(entry.variable);
      }
      continue;
    }
    const bool on = is_on(*flag);
    if (on != entry.value) {
      findings.push_back(Finding{
          Severity::error, "drift",
          entry.variable + " is '" + (entry.value ? "true" : "false") + "' but flag " + flag->key +
              " is " + (on ? "on" : "off") + " in " + file.path +
              (flag->enabled_at.line > 0 ? ":" + std::to_string(flag->enabled_at.line) : ""),
          entry.where, flag->key});
    }
  }
  return findings;
}

} // namespace gatekit::flags
