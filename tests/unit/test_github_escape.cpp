#include <gatekit/common/cli.hpp>
#include <gatekit/github/annotations.hpp>
#include <gatekit/github/escape.hpp>
#include <gatekit/github/markdown.hpp>
#include <gatekit/github/outputs.hpp>

#include <doctest/doctest.h>

using namespace gatekit::github;

namespace {

size_t count_lines_starting_with(const std::string& text, const std::string& prefix) {
  size_t count = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      end = text.size();
    }
    if (text.compare(start, prefix.size(), prefix) == 0) {
      ++count;
    }
    start = end + 1;
  }
  return count;
}

} // namespace

TEST_SUITE("github::escape") {
  TEST_CASE("command data cannot end the line or fake an escape") {
    CHECK(escape_command_data("50%\r\n::error::pwned") == "50%25%0D%0A::error::pwned");
  }

  TEST_CASE("command properties also escape colon and comma") {
    CHECK(escape_command_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A");
  }

  TEST_CASE("an annotation built from a hostile test name stays one command") {
    Annotation annotation;
    annotation.file = "tests/x.py";
    annotation.line = 12;
    annotation.title = "test::evil,title=x\n::warning::injected";
    annotation.message = "boom\n::set-output name=gate::pass\n%0A";
    const std::string command = format_annotation(annotation);
    CHECK(command ==
          "::error "
          "file=tests/x.py,line=12,title=test%3A%3Aevil%2Ctitle=x%0A%3A%3Awarning%3A%3Ainjected"
          "::boom%0A::set-output name=gate::pass%0A%250A\n");
    CHECK(count_lines_starting_with(command, "::") == 1);
  }

  TEST_CASE("markdown escaping neutralises HTML, table pipes, links and line breaks") {
    const std::string escaped =
        escape_markdown("<script>alert(1)</script> | [x](http://e) *b* `c`\n# h");
    CHECK(escaped.find('<') == std::string::npos);
    CHECK(escaped.find('|') == std::string::npos);
    CHECK(escaped.find('\n') == std::string::npos);
    CHECK(escaped.find("\\[x\\]\\(http\\://e\\)") != std::string::npos);
    CHECK(escaped.find("\\*b\\*") != std::string::npos);
    CHECK(escaped.find("\\`c\\`") != std::string::npos);
  }

  TEST_CASE("markdown escaping keeps bare URLs, addresses and mentions from becoming links") {
    CHECK(escape_markdown("see WWW.evil.example") == "see WWW\\.evil.example");
    CHECK(escape_markdown("https://evil.example/x") == "https\\://evil.example/x");
    CHECK(escape_markdown("ops@evil.example") == "ops@&#8203;evil.example");
    CHECK(escape_markdown("ww.x") == "ww.x");
  }

  TEST_CASE("a code block fence is longer than any backtick run inside") {
    const std::string block = markdown_code_block("a ```` b");
    CHECK(block.rfind("`````text\n", 0) == 0);
    CHECK(block.find("\n`````\n") != std::string::npos);
  }

  TEST_CASE("a table escapes untrusted cells but not trusted ones") {
    const std::string table =
        markdown_table({"A", "B"}, {{{"x|y", false}, {"**ok**", true}}}, {false, true});
    CHECK(table == "| A | B |\n| --- | ---: |\n| x&#124;y | **ok** |\n");
  }
}

TEST_SUITE("github::outputs") {
  TEST_CASE("a value holding a forged delimiter and a newline cannot add an output") {
    const std::string text = format_outputs({{"gate", "fail\nEOF\ngate<<EOF\npass"}});
    const size_t open = text.find("<<");
    REQUIRE(open != std::string::npos);
    const std::string delimiter = text.substr(open + 2, text.find('\n') - open - 2);
    CHECK(delimiter.rfind("ghadelimiter_", 0) == 0);
    CHECK(delimiter.size() == 13 + 32);
    // The delimiter occurs exactly twice: opening and closing the one value.
    CHECK(text.find(delimiter, open + 2 + delimiter.size()) == text.rfind(delimiter));
    CHECK(text.substr(text.size() - delimiter.size() - 1) == delimiter + "\n");
  }

  TEST_CASE("two outputs use two different delimiters") {
    const std::string text = format_outputs({{"a", "1"}, {"b", "2"}});
    const std::string first = text.substr(3, text.find('\n') - 3);
    CHECK(text.find(first, text.find("b<<")) == std::string::npos);
  }
}

TEST_SUITE("github::annotations") {
  TEST_CASE("guarded log text cannot run workflow commands") {
    const std::string guarded = guard_log_text("line\n::error::pwned\n");
    REQUIRE(guarded.rfind("::stop-commands::", 0) == 0);
    const std::string token = guarded.substr(17, guarded.find('\n') - 17);
    CHECK(token.size() == 32);
    CHECK(guarded.substr(guarded.size() - token.size() - 5) == "::" + token + "::\n");
  }
}

TEST_SUITE("common::cli") {
  TEST_CASE("options given an empty value are dropped, others kept in order") {
    const char* argv[] = {"tool",  "--min-pass-rate=", "--reports=a.xml", "--critical=", "b.xml",
                          "--x=y="};
    const std::vector<std::string> kept = gatekit::normalise_args(6, argv, {"reports", "critical"});
    CHECK(kept == std::vector<std::string>{"tool", "--reports=a.xml", "b.xml", "--x=y="});
  }

  TEST_CASE("a multi-line value of a list option becomes one option per line; others stay whole") {
    const char* argv[] = {"tool", "--reports=a.xml\r\n\n  b.xml\n", "--fail-on-empty=false",
                          "c d.xml", "--min-pass-rate=100\n0"};
    CHECK(gatekit::normalise_args(5, argv, {"reports"}) ==
          std::vector<std::string>{"tool", "--reports=a.xml", "--reports=b.xml",
                                   "--fail-on-empty=false", "c d.xml", "--min-pass-rate=100\n0"});
  }

  TEST_CASE("list values split on lines, never on commas") {
    CHECK(gatekit::split_list_values({"a,b.xml\n\n  c.xml  \r\n", "d.xml"}) ==
          std::vector<std::string>{"a,b.xml", "c.xml", "d.xml"});
  }
}
