#pragma once

#include <gatekit/common/cli.hpp>
#include <gatekit/common/error.hpp>
#include <gatekit/common/percent.hpp>

// Lists are newline-separated (multi-line action inputs), never comma-separated:
// commas occur in paths and test names. Defined here, before cxxopts is seen,
// so every file that parses or reads options agrees on it.
#ifndef CXXOPTS_VECTOR_DELIMITER
#define CXXOPTS_VECTOR_DELIMITER '\n'
#endif
#include <cxxopts.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gatekit {

// Parses argv with `spec`, after normalise_args has fitted it to the action
// runner's conventions. An option given twice is an error (cxxopts would keep
// the last one silently), except the options in `list_options` and the
// `positional` ones, which collect every value. Usage errors cxxopts itself
// finds (an unknown option) are thrown, for run_tool to report.
Result<cxxopts::ParseResult> parse_command_line(cxxopts::Options& spec, int argc,
                                                const char* const* argv,
                                                const std::vector<std::string>& list_options,
                                                const std::vector<std::string>& positional);

// A string option's value, or "" when it was not given.
std::string string_option(const cxxopts::ParseResult& args, const std::string& name);

// A list option's values, each multi-line value split into lines, blanks dropped.
std::vector<std::string> list_option(const cxxopts::ParseResult& args, const std::string& name);

// A percentage option's value (0 to 100, e.g. "97.5"), its default when not
// given; an error naming the option and the text otherwise.
Result<Percent> percent_option(const cxxopts::ParseResult& args, const std::string& name);

// As percent_option, for an option without a default: nullopt when not given.
Result<std::optional<Percent>> optional_percent_option(const cxxopts::ParseResult& args,
                                                       const std::string& name);

// A whole-number option's value, its default when not given; an error naming
// the option and the text otherwise.
Result<std::uint64_t> count_option(const cxxopts::ParseResult& args, const std::string& name);

// As count_option, for an option without a default: nullopt when not given.
Result<std::optional<std::uint64_t>> optional_count_option(const cxxopts::ParseResult& args,
                                                           const std::string& name);

// Reads --help and the version option: "version", or manifest-gen's
// "version-info", whose --version names the release it describes.
InfoRequest read_info_request(const cxxopts::ParseResult& args, std::string help_text,
                              const std::string& version_option = "version");

} // namespace gatekit
