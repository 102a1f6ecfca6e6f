#include <gatekit/flags/evaluate.hpp>
#include <gatekit/flags/jsonlogic.hpp>
#include <gatekit/flags/report.hpp>

#include <algorithm>
#include <cstdio>

namespace gatekit::flags {
namespace {

FlagEvaluation evaluate_own(const Flag& flag, const EvalContext& context) {
  FlagEvaluation result;
  result.key = flag.key;
  result.enabled = flag.enabled;
  result.strategy = strategy_name(flag.strategy);
  result.state = rollout_state(flag, context.at);
  const auto answer = [&result](bool on, std::string reason) {
    result.value = on ? "true" : "false";
    result.reason = std::move(reason);
  };
  if (!flag.enabled) {
    if (result.state.percentage && *result.state.percentage > 0) {
      result.scheduled = result.state.percentage;
      result.state.percentage = 0.0;
    }
    answer(false, "disabled");
    return result;
  }
  if (flag.strategy == Strategy::canary) {
    const std::vector<std::string> none;
    const auto& users = flag.progressive ? flag.progressive->canary_users : none;
    const auto& regions = flag.progressive ? flag.progressive->canary_regions : none;
    if (context.user && std::find(users.begin(), users.end(), *context.user) != users.end()) {
      answer(true, "canary user");
    } else if (context.region &&
               std::find(regions.begin(), regions.end(), *context.region) != regions.end()) {
      answer(true, "canary region");
    } else {
      answer(false, "not a canary user or region");
    }
    return result;
  }
  if (!result.state.percentage) {
    result.reason = "no valid rollout window";
    return result;
  }
  const double percentage = *result.state.percentage;
  if (percentage >= 100) {
    answer(true, "rollout at 100%");
  } else if (percentage <= 0) {
    answer(false, "rollout at 0%");
  } else if (!context.user) {
    result.reason = "depends on the user (pass --user)";
  } else {
    const std::uint32_t bucket = user_bucket(flag.key, *context.user);
    char position[32];
    std::snprintf(position, sizeof position, "%u.%04u", bucket / 10000, bucket % 10000);
    answer(in_rollout(bucket, percentage),
           "bucket " + std::string(position) + " vs " + decimal_text(percentage, 4) + "%");
  }
  return result;
}

Node evaluation_data(const Flag& flag, const EvalContext& context) {
  Node data;
  data.kind = Node::Kind::object;
  const auto add_string = [](Node& object, const std::string& key, const std::string& value) {
    Node node;
    node.kind = Node::Kind::string;
    node.text = value;
    object.members.push_back(Member{key, node});
  };
  if (context.user) {
    add_string(data, "targetingKey", *context.user);
  }
  if (context.region) {
    add_string(data, "region", *context.region);
  }
  Node flagd;
  flagd.kind = Node::Kind::object;
  add_string(flagd, "flagKey", flag.key);
  Node timestamp;
  timestamp.kind = Node::Kind::number;
  // flagd's $flagd.timestamp is in whole Unix seconds.
  const Instant seconds =
      context.at / k_second - (context.at % k_second < 0 ? 1 : 0); // rounded down
  timestamp.number = static_cast<double>(seconds);
  timestamp.integer = true;
  flagd.members.push_back(Member{"timestamp", timestamp});
  data.members.push_back(Member{"$flagd", flagd});
  return data;
}

FlagEvaluation evaluate_flagd(const Flag& flag, const EvalContext& context) {
  FlagEvaluation result;
  result.key = flag.key;
  result.enabled = flag.enabled;
  result.strategy = flag.targeting ? "targeting" : "static";
  const auto pick = [&](const std::string& name, std::string reason) {
    for (const Variant& variant : flag.variants) {
      if (variant.name == name) {
        result.variant = name;
        result.value = variant.value_json;
        result.reason = std::move(reason);
        return;
      }
    }
    result.reason = "variant \"" + name + "\" is not defined";
  };
  const auto fall_back = [&](const std::string& why) {
    if (flag.default_variant) {
      pick(*flag.default_variant, why + "; default variant");
    } else {
      result.reason = why + "; no default variant (the caller's default applies)";
    }
  };
  if (!flag.enabled) {
    result.reason = "disabled: the caller's default applies";
    return result;
  }
  if (!flag.targeting) {
    fall_back("static");
    return result;
  }
  const LogicResult outcome = evaluate_logic(*flag.targeting, evaluation_data(flag, context));
  if (!outcome.unsupported.empty()) {
    result.reason =
        "targeting uses \"" + outcome.unsupported + "\", which flag-validate does not evaluate";
    return result;
  }
  if (!outcome.error.empty()) {
    fall_back(outcome.error);
    return result;
  }
  if (outcome.value.kind == Node::Kind::string) {
    pick(outcome.value.text, "targeting match");
  } else if (outcome.value.kind == Node::Kind::boolean) {
    pick(outcome.value.boolean ? "true" : "false", "targeting match");
  } else {
    fall_back("targeting gave no variant");
  }
  return result;
}

} // namespace

std::vector<FlagEvaluation> evaluate_flags(const FlagFile& file, const EvalContext& context) {
  std::vector<FlagEvaluation> results;
  for (const Flag& flag : file.flags) {
    results.push_back(file.format == Format::flagd ? evaluate_flagd(flag, context)
                                                   : evaluate_own(flag, context));
  }
  return results;
}

} // namespace gatekit::flags
