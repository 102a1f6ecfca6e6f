#include <gatekit/common/text.hpp>
#include <gatekit/flags/diff.hpp>
#include <gatekit/flags/report.hpp>
#include <gatekit/flags/rfc3339.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>

namespace gatekit::flags {
namespace {

std::string number_text(std::optional<double> value) {
  return value ? decimal_text(*value) : "(none)";
}

std::string date_text(std::optional<Instant> instant) {
  return instant ? format_rfc3339(*instant) : "(none)";
}

std::string variants_text(const Flag& flag) {
  std::vector<std::string> parts;
  for (const Variant& variant : flag.variants) {
    parts.push_back(variant.name + "=" + variant.value_json);
  }
  return "{" + join(parts, ", ") + "}";
}

std::string targeting_text(const Flag& flag) {
  if (!flag.targeting) {
    return "(none)";
  }
  // Positions differ between files; compare the rule's shape and values only.
  std::string text;
  const auto walk = [&text](const auto& self, const Node& node) -> void {
    text += std::to_string(static_cast<int>(node.kind)) + ":" + node.text +
            (node.kind == Node::Kind::boolean ? (node.boolean ? "t" : "f") : "") + "(";
    for (const auto& [key, value] : node.members) {
      text += key + "=";
      self(self, value);
    }
    for (const Node& item : node.items) {
      self(self, item);
    }
    text += ")";
  };
  walk(walk, *flag.targeting);
  return text;
}

void compare(std::vector<std::string>& details, const std::string& field, const std::string& a,
             const std::string& b) {
  if (a != b) {
    details.push_back(field + ": " + a + " -> " + b);
  }
}

std::vector<std::string> changed_fields(const Flag& a, const Flag& b) {
  std::vector<std::string> details;
  compare(details, "enabled", a.enabled ? "true" : "false", b.enabled ? "true" : "false");
  compare(details, "state", a.state.empty() ? "-" : a.state, b.state.empty() ? "-" : b.state);
  compare(details, "rollout_strategy", a.state.empty() ? strategy_name(a.strategy) : "-",
          b.state.empty() ? strategy_name(b.strategy) : "-");
  compare(details, "rollout_percentage", number_text(a.rollout_percentage),
          number_text(b.rollout_percentage));
  const ProgressiveConfig none;
  const ProgressiveConfig& pa = a.progressive ? *a.progressive : none;
  const ProgressiveConfig& pb = b.progressive ? *b.progressive : none;
  if (a.progressive || b.progressive) {
    compare(details, "start_date", date_text(pa.start), date_text(pb.start));
    compare(details, "end_date", date_text(pa.end), date_text(pb.end));
    compare(details, "initial_percentage", number_text(pa.initial_percentage),
            number_text(pb.initial_percentage));
    compare(details, "end_percentage", number_text(pa.end_percentage),
            number_text(pb.end_percentage));
    compare(details, "canary_users", join(pa.canary_users, ","), join(pb.canary_users, ","));
    compare(details, "canary_regions", join(pa.canary_regions, ","), join(pb.canary_regions, ","));
    compare(details, "milestones", std::to_string(pa.milestones.size()),
            std::to_string(pb.milestones.size()));
  }
  compare(details, "variants", variants_text(a), variants_text(b));
  compare(details, "defaultVariant", a.default_variant.value_or("(none)"),
          b.default_variant.value_or("(none)"));
  if (targeting_text(a) != targeting_text(b)) {
    details.push_back("targeting: changed");
  }
  return details;
}

const char* kind_name(FlagChange::Kind kind) {
  switch (kind) {
  case FlagChange::Kind::added:
    return "added";
  case FlagChange::Kind::removed:
    return "removed";
  case FlagChange::Kind::changed:
    return "changed";
  }
  return "changed";
}

} // namespace

std::vector<FlagChange> diff_flags(const FlagFile& before, const FlagFile& after) {
  std::vector<FlagChange> changes;
  for (const Flag& flag : before.flags) {
    const Flag* other = after.find(flag.key);
    if (other == nullptr) {
      changes.push_back(FlagChange{FlagChange::Kind::removed, flag.key, {}});
    } else if (std::vector<std::string> details = changed_fields(flag, *other); !details.empty()) {
      changes.push_back(FlagChange{FlagChange::Kind::changed, flag.key, std::move(details)});
    }
  }
  for (const Flag& flag : after.flags) {
    if (before.find(flag.key) == nullptr) {
      changes.push_back(FlagChange{FlagChange::Kind::added, flag.key, {}});
    }
  }
  return changes;
}

std::string render_diff_text(const FlagFile& before, const FlagFile& after,
                             const std::vector<FlagChange>& changes) {
  std::string text = "flag-validate diff: " + single_line(before.path) + " -> " +
                     single_line(after.path) + ": " + std::to_string(changes.size()) +
                     " flag(s) differ\n";
  for (const FlagChange& change : changes) {
    text += "  " + std::string(kind_name(change.kind)) + "  " + single_line(change.key) + "\n";
    for (const std::string& detail : change.details) {
      text += "      " + single_line(detail) + "\n";
    }
  }
  return text;
}

std::string render_diff_json(const FlagFile& before, const FlagFile& after,
                             const std::vector<FlagChange>& changes) {
  nlohmann::ordered_json json;
  json["tool"] = "flag-validate";
  json["before"] = before.path;
  json["after"] = after.path;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const FlagChange& change : changes) {
    list.push_back(
        {{"flag", change.key}, {"change", kind_name(change.kind)}, {"details", change.details}});
  }
  json["changes"] = list;
  return json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

} // namespace gatekit::flags
