#include <gatekit/flags/model.hpp>

namespace gatekit::flags {

Location locate(const std::string& file, const Node& node) {
  return Location{file, node.line, node.column, node.path};
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

const std::vector<std::string>& safety_flags() {
  static const std::vector<std::string> k_names = {"emergency_shutdown", "read_only_mode",
                                                   "maintenance_mode"};
  return k_names;
}

} // namespace gatekit::flags
