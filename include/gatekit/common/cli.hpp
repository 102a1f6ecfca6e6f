#pragma once

#include <gatekit/common/exit_code.hpp>

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace gatekit {

// argv as GitHub's Docker runner hands it over, made fit for the option parser:
// "--name=" (an action input left blank) is dropped so the tool's default
// applies, and for the options in `list_options` "--name=a\nb" (a multi-line
// input) becomes "--name=a" "--name=b", blank lines dropped. A multi-line value
// of any other option is left whole, for the parser to refuse.
std::vector<std::string> normalise_args(int argc, const char* const* argv,
                                        const std::vector<std::string>& list_options);

// Each value split into lines (a multi-line action input), blanks dropped.
std::vector<std::string> split_list_values(const std::vector<std::string>& values);

// A request to print the help or the version instead of doing the work.
struct InfoRequest {
  bool help = false;
  bool version = false;
  std::string help_text;
  bool any() const { return help || version; }
};

// Prints the help text, or "TOOL VERSION", when `request` asks for one and
// returns exit code 0; nullopt when it asks for neither and the tool goes on.
std::optional<ExitCode> answer_info_request(std::string_view tool, const InfoRequest& request,
                                            std::ostream& out);

// Runs a tool's body; any exception that escapes it (a cxxopts usage error,
// an allocation failure) becomes "tool: message" on stderr and exit code 2.
int run_tool(std::string_view tool, const std::function<ExitCode()>& body);

// Prints "tool: message" to stderr as one line (control characters replaced,
// so report text cannot start a workflow command) and returns
// usage_or_input_error.
ExitCode report_input_error(std::string_view tool, std::string_view message);

} // namespace gatekit
