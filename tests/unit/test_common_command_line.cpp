#include <gatekit/common/command_line.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace gatekit;

namespace {

cxxopts::Options sample_spec() {
  cxxopts::Options spec("tool");
  spec.add_options()("pattern", "", cxxopts::value<std::vector<std::string>>())(
      "out", "", cxxopts::value<std::string>())("files", "",
                                                cxxopts::value<std::vector<std::string>>());
  spec.parse_positional({"files"});
  return spec;
}

Result<cxxopts::ParseResult> parse(std::vector<const char*> argv) {
  cxxopts::Options spec = sample_spec();
  return parse_command_line(spec, static_cast<int>(argv.size()), argv.data(), {"pattern"},
                            {"files"});
}

} // namespace

TEST_SUITE("common::command_line") {
  TEST_CASE("list values split on lines only: a comma stays inside its value") {
    const Result<cxxopts::ParseResult> args =
        parse({"tool", "--pattern=tests/a,b.py\ntests/c.py", "--pattern", "d"});
    REQUIRE(args.ok());
    CHECK(list_option(args.value(), "pattern") ==
          std::vector<std::string>{"tests/a,b.py", "tests/c.py", "d"});
    CHECK(string_option(args.value(), "out").empty());
    CHECK(list_option(args.value(), "files").empty());
  }

  TEST_CASE("a single-value option given twice is refused; lists and positionals repeat") {
    const Result<cxxopts::ParseResult> twice = parse({"tool", "--out=a", "--out=b"});
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().to_string() == "--out is given more than once");
    const Result<cxxopts::ParseResult> files = parse({"tool", "x.xml", "y.xml", "--out=o"});
    REQUIRE(files.ok());
    CHECK(list_option(files.value(), "files") == std::vector<std::string>{"x.xml", "y.xml"});
    CHECK(string_option(files.value(), "out") == "o");
  }
}
