#include <gatekit/common/cli.hpp>
#include <gatekit/common/command_line.hpp>

#include <algorithm>

namespace gatekit {

Result<cxxopts::ParseResult> parse_command_line(cxxopts::Options& spec, int argc,
                                                const char* const* argv,
                                                const std::vector<std::string>& list_options,
                                                const std::vector<std::string>& positional) {
  const std::vector<std::string> kept = normalise_args(argc, argv, list_options);
  std::vector<const char*> kept_argv;
  kept_argv.reserve(kept.size());
  for (const std::string& arg : kept) {
    kept_argv.push_back(arg.c_str());
  }
  cxxopts::ParseResult args = spec.parse(static_cast<int>(kept_argv.size()), kept_argv.data());
  const auto repeatable = [&](const std::string& key) {
    return std::find(list_options.begin(), list_options.end(), key) != list_options.end() ||
           std::find(positional.begin(), positional.end(), key) != positional.end();
  };
  for (const cxxopts::KeyValue& given : args.arguments()) {
    if (!repeatable(given.key()) && args.count(given.key()) > 1) {
      return Error{"--" + given.key() + " is given more than once", {}};
    }
  }
  return args;
}

std::string string_option(const cxxopts::ParseResult& args, const std::string& name) {
  return args.count(name) > 0 ? args[name].as<std::string>() : std::string();
}

std::vector<std::string> list_option(const cxxopts::ParseResult& args, const std::string& name) {
  return args.count(name) > 0 ? split_list_values(args[name].as<std::vector<std::string>>())
                              : std::vector<std::string>();
}

} // namespace gatekit
