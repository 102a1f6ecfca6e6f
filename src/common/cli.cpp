#include <gatekit/common/cli.hpp>
#include <gatekit/common/text.hpp>

#include <algorithm>
#include <exception>
#include <iostream>

namespace gatekit {

std::vector<std::string> normalise_args(int argc, const char* const* argv,
                                        const std::vector<std::string>& list_options) {
  std::vector<std::string> kept;
  for (int i = 0; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const size_t equals = arg.find('=');
    const bool long_option =
        i > 0 && arg.size() > 2 && arg.substr(0, 2) == "--" && equals != std::string_view::npos;
    if (!long_option) {
      kept.emplace_back(arg);
      continue;
    }
    const std::string_view value = arg.substr(equals + 1);
    if (trim(value).empty()) {
      continue; // "--name=": an action input left blank
    }
    const std::string name(arg.substr(2, equals - 2));
    if (std::find(list_options.begin(), list_options.end(), name) == list_options.end()) {
      kept.emplace_back(arg);
      continue;
    }
    for (const std::string& line : split_lines(value)) {
      kept.push_back("--" + name + "=" + line);
    }
  }
  return kept;
}

std::vector<std::string> split_list_values(const std::vector<std::string>& values) {
  std::vector<std::string> items;
  for (const std::string& value : values) {
    for (std::string& line : split_lines(value)) {
      items.push_back(std::move(line));
    }
  }
  return items;
}

ExitCode report_input_error(std::string_view tool, std::string_view message) {
  // One line, always: the runner reads workflow commands on stderr too, and
  // messages quote report text and file names.
  std::cerr << tool << ": " << single_line(message) << '\n';
  return ExitCode::usage_or_input_error;
}

int run_tool(std::string_view tool, const std::function<ExitCode()>& body) {
  try {
    return to_int(body());
  } catch (const std::exception& error) {
    std::cerr << tool << ": " << single_line(error.what()) << "\nTry '" << tool << " --help'.\n";
  } catch (...) {
    std::cerr << tool << ": unexpected internal error\n";
  }
  return to_int(ExitCode::usage_or_input_error);
}

std::optional<ExitCode> answer_info_request(std::string_view tool, const InfoRequest& request,
                                            std::ostream& out) {
  if (request.help) {
    out << request.help_text << '\n';
  } else if (request.version) {
    out << tool << ' ' << GATEKIT_VERSION << '\n';
  } else {
    return std::nullopt;
  }
  return ExitCode::gate_passed;
}

} // namespace gatekit
