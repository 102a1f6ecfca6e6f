#include <gatekit/flags/model.hpp>

#include <algorithm>

namespace gatekit::flags {

Location locate(const std::string& file, const Node& node) {
  return Location{file, node.line, node.column, node.path()};
}

const char* strategy_name(Strategy strategy) {
  switch (strategy) {
  case Strategy::all_at_once:
    return "all_at_once";
  case Strategy::percentage:
    return "percentage";
  case Strategy::progressive:
    return "progressive";
  case Strategy::canary:
    return "canary";
  }
  return "all_at_once";
}

const Flag* FlagFile::find(std::string_view key) const {
  for (const Flag& flag : flags) {
    if (flag.key == key) {
      return &flag;
    }
  }
  return nullptr;
}

bool is_on(const Flag& flag) {
  if (flag.state.empty()) {
    return flag.enabled; // the own format (flagd flags always get a state or an error)
  }
  if (flag.state != "ENABLED") {
    return false;
  }
  const bool boolean =
      !flag.variants.empty() &&
      std::all_of(flag.variants.begin(), flag.variants.end(), [](const Variant& variant) {
        return variant.value_json == "true" || variant.value_json == "false";
      });
  if (!boolean) {
    return true;
  }
  for (const Variant& variant : flag.variants) {
    if (flag.default_variant && variant.name == *flag.default_variant) {
      return variant.value_json == "true";
    }
  }
  return false; // no usable default variant: the caller's default applies
}

const std::vector<std::string>& safety_flags() {
  static const std::vector<std::string> k_names = {"emergency_shutdown", "read_only_mode",
                                                   "maintenance_mode"};
  return k_names;
}

} // namespace gatekit::flags
