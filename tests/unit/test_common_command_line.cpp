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

  TEST_CASE("percentages and counts: defaults, absent options and errors naming the option") {
    const auto parse_numbers = [](std::vector<const char*> argv) {
      cxxopts::Options spec("tool");
      spec.add_options()("rate", "", cxxopts::value<std::string>()->default_value("95"))(
          "limit", "", cxxopts::value<std::string>())(
          "max", "", cxxopts::value<std::string>()->default_value("10"));
      return parse_command_line(spec, static_cast<int>(argv.size()), argv.data(), {}, {});
    };
    const Result<cxxopts::ParseResult> args = parse_numbers({"tool", "--limit=7"});
    REQUIRE(args.ok());
    CHECK(percent_option(args.value(), "rate").value().micro == 95'000'000);
    CHECK(optional_percent_option(args.value(), "limit").value()->micro == 7'000'000);
    CHECK(count_option(args.value(), "max").value() == 10);
    CHECK(optional_count_option(args.value(), "limit").value() == 7);

    const Result<cxxopts::ParseResult> bad = parse_numbers({"tool", "--rate=95x", "--max=-1"});
    REQUIRE(bad.ok());
    CHECK(percent_option(bad.value(), "rate").error().to_string() ==
          "--rate: '95x' is not a percentage from 0 to 100");
    CHECK(count_option(bad.value(), "max").error().to_string() ==
          "--max: '-1' is not a whole number");
    CHECK_FALSE(optional_count_option(bad.value(), "limit").value().has_value());
  }
}
