// OpenFeature flagd flag definitions: {"flags": {KEY: {"state", "variants",
// "defaultVariant", "targeting"}}, "$evaluators": {NAME: JSONLogic}}.

#include "checker.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

namespace gatekit::flags::detail {
namespace {

// The variant's value as compact JSON, for display and for type checks.
nlohmann::json to_json(const Node& node) {
  switch (node.kind) {
  case Node::Kind::null:
    return nullptr;
  case Node::Kind::boolean:
    return node.boolean;
  case Node::Kind::number:
    return node.integer && std::abs(node.number) < 9e15
               ? nlohmann::json(static_cast<long long>(node.number))
               : nlohmann::json(node.number);
  case Node::Kind::string:
    return node.text;
  case Node::Kind::array: {
    nlohmann::json array = nlohmann::json::array();
    for (const Node& item : node.items) {
      array.push_back(to_json(item));
    }
    return array;
  }
  case Node::Kind::object: {
    nlohmann::json object = nlohmann::json::object();
    for (const auto& [key, value] : node.members) {
      object[key] = to_json(value);
    }
    return object;
  }
  }
  return nullptr;
}

const char* value_type(const Node& node) {
  switch (node.kind) {
  case Node::Kind::boolean:
    return "boolean";
  case Node::Kind::number:
    return "number";
  case Node::Kind::string:
    return "string";
  case Node::Kind::object:
  case Node::Kind::array:
    return "object";
  case Node::Kind::null:
    return "null";
  }
  return "null";
}

// How many values $ref expansion may still copy for the file.
struct RefBudget {
  std::size_t left = 1'000'000;
  bool exhausted = false;
};

std::size_t count_values(const Node& node) {
  std::size_t count = 1;
  for (const auto& [name, value] : node.members) {
    count += count_values(value);
  }
  for (const Node& item : node.items) {
    count += count_values(item);
  }
  return count;
}

// Replaces {"$ref": NAME} by the named evaluator, nested refs included.
// `budget` caps the values copied for the whole file, so evaluators that
// reference each other many times over cannot blow up.
void resolve_refs(Node& node, const Node* evaluators, Checker& checker, const std::string& key,
                  int depth, RefBudget& budget) {
  if (node.kind == Node::Kind::object && node.members.size() == 1 &&
      node.members[0].first == "$ref") {
    const Node& name = node.members[0].second;
    const Node* target = (evaluators != nullptr && name.kind == Node::Kind::string)
                             ? evaluators->find(name.text)
                             : nullptr;
    if (target == nullptr) {
      checker.error(name, "unknown-evaluator",
                    "$ref names " + describe(name) + ", which is not in $evaluators", key);
      return;
    }
    if (depth > 16) {
      checker.error(name, "unknown-evaluator", "$ref chain deeper than 16 (a cycle?)", key);
      return;
    }
    const std::size_t size = count_values(*target);
    if (size > budget.left) {
      if (!budget.exhausted) {
        checker.error(name, "unknown-evaluator",
                      "expanding $ref would copy more than a million values; not expanded", key);
        budget.exhausted = true;
      }
      return;
    }
    budget.left -= size;
    node = *target;
    resolve_refs(node, evaluators, checker, key, depth + 1, budget);
    return;
  }
  for (auto& [name, value] : node.members) {
    resolve_refs(value, evaluators, checker, key, depth, budget);
  }
  for (Node& item : node.items) {
    resolve_refs(item, evaluators, checker, key, depth, budget);
  }
}

// Checks every "fractional" in a targeting rule: buckets name known variants
// and weigh a positive whole number, as flagd requires for a usable split.
void check_fractional(const Node& node, const Flag& flag, Checker& checker) {
  for (const auto& [name, value] : node.members) {
    // flagd's parseFractionalEvaluationData refuses fewer than two arguments
    // (bucketing key included), and the rule then yields no variant.
    if (name == "fractional" && value.kind == Node::Kind::array && value.items.size() < 2) {
      checker.error(value, "fractional-too-few",
                    "fractional needs at least 2 entries (two buckets, or a bucketing key and a "
                    "bucket): flagd ignores this one (\"fractional evaluation data has length "
                    "under 2\") and serves the default variant",
                    flag.key);
    }
    if (name == "fractional" && value.kind == Node::Kind::array) {
      std::size_t first = 0;
      if (!value.items.empty() && value.items[0].kind != Node::Kind::array) {
        first = 1; // the bucketing key: a string or an expression
      }
      double total = 0;
      bool any_bucket = false;
      for (std::size_t i = first; i < value.items.size(); ++i) {
        const Node& bucket = value.items[i];
        if (!checker.expect(bucket, Node::Kind::array, "a bucket [variant, weight]", flag.key) ||
            bucket.items.empty()) {
          if (bucket.kind == Node::Kind::array) {
            checker.error(bucket, "fractional-bucket", "empty fractional bucket", flag.key);
          }
          continue;
        }
        any_bucket = true;
        const Node& variant = bucket.items[0];
        if (variant.kind == Node::Kind::string) {
          bool known = false;
          for (const Variant& v : flag.variants) {
            known = known || v.name == variant.text;
          }
          if (!known) {
            checker.error(variant, "unknown-bucket-variant",
                          "fractional bucket names variant \"" + variant.text.substr(0, 60) +
                              "\", which is not among the flag's variants",
                          flag.key);
          }
        }
        if (bucket.items.size() < 2) {
          total += 1; // flagd's shorthand: a bucket without weight weighs 1
          continue;
        }
        const Node& weight = bucket.items[1];
        if (weight.kind == Node::Kind::object) {
          continue; // computed at evaluation time
        }
        if (weight.kind == Node::Kind::null) {
          total += 1; // flagd: a null weight weighs 1, as a missing one
          continue;
        }
        // flagd reads weights as float64 and refuses only non-whole ones
        // (w != float64(int64(w))), so 50.0 is as good as 50.
        if (weight.kind != Node::Kind::number || weight.number != std::trunc(weight.number)) {
          checker.error(weight, "fractional-weight",
                        "fractional weight must be a positive whole number, got " +
                            describe(weight),
                        flag.key);
        } else if (weight.number < 0) {
          checker.error(weight, "fractional-weight",
                        "fractional weight " + weight.text + " is not positive", flag.key);
        } else if (weight.number == 0) {
          checker.warning(weight, "fractional-zero-weight",
                          "fractional weight 0: this bucket receives nobody", flag.key);
        } else {
          total += weight.number;
        }
      }
      if (any_bucket && total <= 0) {
        checker.error(value, "fractional-weight",
                      "fractional weights add up to 0: nobody can be bucketed", flag.key);
      } else if (total > std::numeric_limits<std::int32_t>::max()) {
        checker.error(value, "fractional-weight",
                      "fractional weights add up to more than 2147483647, flagd's limit", flag.key);
      }
    }
    check_fractional(value, flag, checker);
  }
  for (const Node& item : node.items) {
    check_fractional(item, flag, checker);
  }
}

Flag read_flag(const std::string& key, const Node& node, const Node* evaluators, Checker& checker,
               RefBudget& budget) {
  Flag flag;
  flag.key = key;
  flag.where = locate(checker.file(), node);
  flag.enabled_at = flag.where;
  flag.strategy_at = flag.where;
  flag.percentage_at = flag.where;
  checker.unknown_fields(node, {"state", "variants", "defaultVariant", "targeting", "metadata"},
                         key, "a flagd flag");
  const Node* state = node.find("state");
  if (state != nullptr) {
    flag.enabled_at = locate(checker.file(), *state);
  }
  if (state == nullptr) {
    checker.error(node, "missing-field", "flagd flag has no \"state\" (ENABLED or DISABLED)", key);
  } else if (const std::optional<std::string> text = checker.string(state, key)) {
    if (*text != "ENABLED" && *text != "DISABLED") {
      checker.error(*state, "wrong-type",
                    "state \"" + text->substr(0, 40) + "\" is not ENABLED or DISABLED", key);
    } else {
      flag.state = *text;
    }
  }
  flag.enabled = flag.state == "ENABLED";
  const Node* variants = node.find("variants");
  if (variants == nullptr) {
    checker.error(node, "missing-field", "flagd flag has no \"variants\"", key);
  } else if (checker.expect(*variants, Node::Kind::object, "an object of variants", key)) {
    if (variants->members.empty()) {
      checker.error(*variants, "missing-field", "flagd flag has no variants", key);
    }
    const Node* first = nullptr;
    for (const auto& [name, value] : variants->members) {
      flag.variants.push_back(Variant{
          name, to_json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
      if (first == nullptr) {
        first = &value;
      } else if (std::string(value_type(value)) != value_type(*first)) {
        checker.error(value, "mixed-variant-types",
                      "variant \"" + name + "\" is a " + value_type(value) + " but variant \"" +
                          variants->members[0].first + "\" is a " + value_type(*first) +
                          ": a flag's variants must all have one type",
                      key);
      }
    }
  }
  if (const Node* default_variant = node.find("defaultVariant")) {
    if (default_variant->kind != Node::Kind::null) {
      if (const std::optional<std::string> name = checker.string(default_variant, key)) {
        flag.default_variant = *name;
        bool known = variants == nullptr || variants->kind != Node::Kind::object;
        for (const Variant& variant : flag.variants) {
          known = known || variant.name == *name;
        }
        if (!known) {
          checker.error(*default_variant, "unknown-default-variant",
                        "defaultVariant \"" + name->substr(0, 60) + "\" is not among the variants",
                        key);
        }
      }
    }
  }
  if (const Node* targeting = node.find("targeting")) {
    if (checker.expect(*targeting, Node::Kind::object, "a JSONLogic object", key)) {
      Node resolved = *targeting;
      resolve_refs(resolved, evaluators, checker, key, 0, budget);
      check_fractional(resolved, flag, checker);
      if (!resolved.members.empty()) {
        flag.targeting = std::move(resolved);
      }
    }
  }
  return flag;
}

} // namespace

void read_flagd_flags(const Node& root, Checker& checker, std::vector<Flag>& flags) {
  checker.unknown_fields(root, {"flags", "$evaluators", "$schema", "metadata"}, "", "the file");
  const Node* evaluators = root.find("$evaluators");
  if (evaluators != nullptr &&
      !checker.expect(*evaluators, Node::Kind::object, "an object of evaluators", "")) {
    evaluators = nullptr;
  }
  RefBudget budget;
  for (const auto& [key, node] : root.find("flags")->members) {
    if (checker.expect(node, Node::Kind::object, "a flag object", key)) {
      flags.push_back(read_flag(key, node, evaluators, checker, budget));
    }
  }
}

} // namespace gatekit::flags::detail
