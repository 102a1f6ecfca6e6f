// The design documents' own flag format: {"version", "last_updated",
// "flags": {NAME: {"name", "enabled", "rollout_strategy", ...}}}.

#include "checker.hpp"

#include <gatekit/flags/report.hpp>
#include <gatekit/flags/rfc3339.hpp>

#include <cstdio>

namespace gatekit::flags::detail {
namespace {

std::optional<Strategy> strategy_from(const std::string& name) {
  for (const Strategy strategy :
       {Strategy::all_at_once, Strategy::percentage, Strategy::progressive, Strategy::canary}) {
    if (name == strategy_name(strategy)) {
      return strategy;
    }
  }
  return std::nullopt;
}

void read_milestones(const Node& list, ProgressiveConfig& config, Checker& checker,
                     const std::string& key) {
  if (!checker.expect(list, Node::Kind::array, "an array of milestones", key)) {
    return;
  }
  const Milestone* previous = nullptr;
  for (const Node& item : list.items) {
    if (!checker.expect(item, Node::Kind::object, "a milestone object", key)) {
      continue;
    }
    checker.unknown_fields(item, {"date", "percentage", "description"}, key, "a milestone");
    const Node* date_node = item.find("date");
    const Node* percent_node = item.find("percentage");
    if (date_node == nullptr || percent_node == nullptr) {
      checker.error(item, "missing-field", "a milestone needs \"date\" and \"percentage\"", key);
      continue;
    }
    const std::optional<Instant> date = checker.date(date_node, key);
    const std::optional<double> percentage = checker.percentage(percent_node, key);
    if (!date || !percentage) {
      continue;
    }
    Milestone milestone{*date, *percentage, ""};
    if (const Node* description = item.find("description")) {
      milestone.description = checker.string(description, key).value_or("");
    }
    if (config.start && config.end && (*date < *config.start || *date > *config.end)) {
      checker.error(*date_node, "milestone-outside-window",
                    "milestone " + date_node->text + " lies outside the rollout window " +
                        format_rfc3339(*config.start) + " .. " + format_rfc3339(*config.end),
                    key);
    }
    if (previous != nullptr && milestone.date <= previous->date) {
      checker.error(*date_node, "milestone-order",
                    "milestone " + date_node->text + " is not after the previous one (" +
                        format_rfc3339(previous->date) + "): milestones must be in date order",
                    key);
    }
    // Milestones step from initial_percentage towards end_percentage, so
    // they must lie between the two and never turn back; a rollout may ramp
    // down (end below initial), as the linear schedule allows.
    const bool down = config.end_percentage < config.initial_percentage;
    const double low = down ? config.end_percentage : config.initial_percentage;
    const double high = down ? config.initial_percentage : config.end_percentage;
    if (milestone.percentage < low || milestone.percentage > high) {
      checker.error(*percent_node, "milestone-out-of-range",
                    "milestone percentage " + percent_node->text +
                        " lies outside initial_percentage .. end_percentage (" +
                        decimal_text(config.initial_percentage, 4) + " .. " +
                        decimal_text(config.end_percentage, 4) + ")",
                    key);
    } else if (previous != nullptr && !down && milestone.percentage < previous->percentage) {
      checker.error(*percent_node, "milestone-decreasing",
                    "milestone percentage " + percent_node->text + " is below the previous " +
                        "milestone's; a rollout must not go backwards",
                    key);
    } else if (previous != nullptr && down && milestone.percentage > previous->percentage) {
      checker.error(*percent_node, "milestone-decreasing",
                    "milestone percentage " + percent_node->text + " is above the previous " +
                        "milestone's in a rollout going down from initial_percentage to "
                        "end_percentage; it must not turn back",
                    key);
    }
    // At end_date the rollout is complete and serves end_percentage, so a
    // milestone dated then with another percentage never takes effect.
    if (config.end && milestone.date == *config.end &&
        milestone.percentage != config.end_percentage) {
      checker.warning(*percent_node, "milestone-at-end",
                      "milestone at end_date says " + percent_node->text +
                          "% but at end_date the rollout serves end_percentage " +
                          decimal_text(config.end_percentage, 4) + "%",
                      key);
    }
    config.milestones.push_back(milestone);
    previous = &config.milestones.back();
  }
}

ProgressiveConfig read_progressive(const Node& node, Checker& checker, const std::string& key) {
  ProgressiveConfig config;
  checker.unknown_fields(node,
                         {"initial_percentage", "end_percentage", "start_date", "end_date",
                          "canary_users", "canary_regions", "milestones"},
                         key, "progressive_config");
  if (const Node* initial = node.find("initial_percentage")) {
    config.initial_percentage = checker.percentage(initial, key).value_or(0);
  }
  if (const Node* end = node.find("end_percentage")) {
    config.end_percentage = checker.percentage(end, key).value_or(100);
  }
  const Node* start = node.find("start_date");
  const Node* end = node.find("end_date");
  if (start != nullptr) {
    config.start = checker.date(start, key);
  }
  if (end != nullptr) {
    config.end = checker.date(end, key);
  }
  if (config.start && config.end && *config.start >= *config.end) {
    checker.error(*start, "date-order",
                  "start_date " + start->text + " is not before end_date " + end->text, key);
    config.end.reset();
  }
  if (const Node* users = node.find("canary_users")) {
    config.canary_users = checker.strings(users, key);
  }
  if (const Node* regions = node.find("canary_regions")) {
    config.canary_regions = checker.strings(regions, key);
  }
  if (const Node* milestones = node.find("milestones")) {
    read_milestones(*milestones, config, checker, key);
  }
  return config;
}

Flag read_flag(const std::string& key, const Node& node, Checker& checker) {
  Flag flag;
  flag.key = key;
  flag.where = locate(checker.file(), node);
  flag.enabled_at = flag.where;
  flag.strategy_at = flag.where;
  flag.percentage_at = flag.where;
  checker.unknown_fields(node,
                         {"name", "enabled", "default_value", "rollout_strategy",
                          "rollout_percentage", "progressive_config", "description"},
                         key, "a flag");
  if (const Node* name = node.find("name")) {
    const std::optional<std::string> text = checker.string(name, key);
    if (text && *text != key) {
      checker.error(*name, "name-mismatch",
                    "name \"" + *text + "\" differs from its key \"" + key +
                        "\"; code looking the flag up by one name will not find the other",
                    key);
    }
  }
  const Node* enabled = node.find("enabled");
  if (enabled == nullptr) {
    checker.error(node, "missing-field", "flag has no \"enabled\" (true or false)", key);
  } else {
    flag.enabled_at = locate(checker.file(), *enabled);
    flag.enabled = checker.boolean(enabled, key).value_or(false);
  }
  if (const Node* description = node.find("description")) {
    flag.description = checker.string(description, key).value_or("");
  }
  if (const Node* strategy = node.find("rollout_strategy")) {
    flag.strategy_at = locate(checker.file(), *strategy);
    if (const std::optional<std::string> name = checker.string(strategy, key)) {
      if (const std::optional<Strategy> known = strategy_from(*name)) {
        flag.strategy = *known;
      } else {
        checker.error(*strategy, "unknown-strategy",
                      "unknown rollout_strategy \"" + name->substr(0, 40) +
                          "\": expected all_at_once, percentage, progressive or canary",
                      key);
      }
    }
  }
  if (const Node* percentage = node.find("rollout_percentage")) {
    flag.percentage_at = locate(checker.file(), *percentage);
    flag.rollout_percentage = checker.percentage(percentage, key);
  }
  const Node* config = node.find("progressive_config");
  if (config != nullptr &&
      checker.expect(*config, Node::Kind::object, "a progressive_config object", key)) {
    flag.progressive = read_progressive(*config, checker, key);
  }
  if (flag.strategy == Strategy::progressive) {
    if (!flag.progressive) {
      checker.error(config != nullptr ? *config : node, "progressive-without-config",
                    "rollout_strategy is progressive but there is no progressive_config with "
                    "start_date and end_date",
                    key);
    } else if (config->find("start_date") == nullptr || config->find("end_date") == nullptr) {
      checker.error(*config, "progressive-without-config",
                    "a progressive rollout needs both start_date and end_date", key);
    }
    if (enabled != nullptr && enabled->kind == Node::Kind::boolean && !enabled->boolean) {
      checker.warning(*enabled, "progressive-disabled",
                      "progressive rollout on a flag whose enabled is false: it can never take "
                      "effect",
                      key);
    }
  }
  if (flag.strategy == Strategy::canary &&
      (!flag.progressive ||
       (flag.progressive->canary_users.empty() && flag.progressive->canary_regions.empty()))) {
    checker.error(config != nullptr ? *config : node, "canary-without-targets",
                  "rollout_strategy is canary but progressive_config names no canary_users "
                  "or canary_regions: nobody would get the flag",
                  key);
  }
  for (const std::string& safety : safety_flags()) {
    if (key == safety && flag.enabled && enabled != nullptr) {
      checker.warning(*enabled, "safety-flag-on",
                      "safety flag " + key + " is on: the system would run degraded", key);
    }
  }
  return flag;
}

} // namespace

void read_own_flags(const Node& root, Checker& checker, std::vector<Flag>& flags) {
  checker.unknown_fields(root, {"version", "last_updated", "flags", "$schema"}, "", "the file");
  if (const Node* version = root.find("version")) {
    if (version->kind != Node::Kind::string && version->kind != Node::Kind::number) {
      checker.expect(*version, Node::Kind::string, "a version string", "");
    }
  }
  // Informational only, so a naive timestamp (Python's isoformat()) is a warning.
  if (const Node* updated = root.find("last_updated")) {
    if (updated->kind != Node::Kind::string || !parse_rfc3339(updated->text)) {
      checker.warning(*updated, "bad-date",
                      "last_updated is " + describe(*updated) +
                          ", not an RFC 3339 date-time with a time zone",
                      "");
    }
  }
  for (const auto& [key, node] : root.find("flags")->members) {
    if (checker.expect(node, Node::Kind::object, "a flag object", key)) {
      flags.push_back(read_flag(key, node, checker));
    }
  }
}

} // namespace gatekit::flags::detail
