#include <gatekit/common/cli.hpp>
#include <gatekit/common/command_line.hpp>
#include <gatekit/common/numbers.hpp>

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

Result<Percent> percent_option(const cxxopts::ParseResult& args, const std::string& name) {
  // as<>() rather than count(): count() is 0 for an option left at its default.
  const std::string text = args[name].as<std::string>();
  const std::optional<Percent> value = parse_percent(text);
  if (!value) {
    return Error{"--" + name + ": '" + text + "' is not a percentage from 0 to 100", {}};
  }
  return *value;
}

Result<std::optional<Percent>> optional_percent_option(const cxxopts::ParseResult& args,
                                                       const std::string& name) {
  if (args.count(name) == 0) {
    return std::optional<Percent>();
  }
  Result<Percent> value = percent_option(args, name);
  if (!value) {
    return value.error();
  }
  return std::optional<Percent>(value.value());
}

Result<std::uint64_t> count_option(const cxxopts::ParseResult& args, const std::string& name) {
  const std::string text = args[name].as<std::string>();
  const std::optional<std::uint64_t> value = parse_count(text);
  if (!value) {
    return Error{"--" + name + ": '" + text + "' is not a whole number", {}};
  }
  return *value;
}

Result<std::optional<std::uint64_t>> optional_count_option(const cxxopts::ParseResult& args,
                                                           const std::string& name) {
  if (args.count(name) == 0) {
    return std::optional<std::uint64_t>();
  }
  Result<std::uint64_t> value = count_option(args, name);
  if (!value) {
    return value.error();
  }
  return std::optional<std::uint64_t>(value.value());
}

InfoRequest read_info_request(const cxxopts::ParseResult& args, std::string help_text,
                              const std::string& version_option) {
  InfoRequest request;
  request.help = args.count("help") > 0;
  request.version = args.count(version_option) > 0;
  request.help_text = std::move(help_text);
  return request;
}

} // namespace gatekit
