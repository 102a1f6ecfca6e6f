#include <gatekit/common/xml_errors.hpp>
#include <gatekit/junit/parse.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace gatekit;
using namespace gatekit::junit;

namespace {

Report parse_ok(const std::string& xml) {
  Result<Report> report = parse_junit(xml, "r.xml");
  if (!report.ok()) {
    FAIL("unexpected error: " << report.error().to_string());
  }
  return std::move(report).value();
}

Error parse_error(const std::string& xml) {
  Result<Report> report = parse_junit(xml, "r.xml");
  REQUIRE_FALSE(report.ok());
  return locate_xml_error(report.error(), xml);
}

Outcome only_outcome(const std::string& testcase_xml) {
  const Report report = parse_ok("<testsuite>" + testcase_xml + "</testsuite>");
  REQUIRE(report.cases.size() == 1);
  return report.cases[0].outcome;
}

} // namespace

TEST_SUITE("junit::parse errors") {
  TEST_CASE("an empty file is an error saying so") {
    CHECK(parse_error("").to_string() ==
          "r.xml: file is empty (0 bytes): the test run wrote no report");
    CHECK(parse_error(" \n\t").message.find("only whitespace") != std::string::npos);
    CHECK(parse_error("\xEF\xBB\xBF").message.find("no XML") != std::string::npos);
  }

  TEST_CASE("truncated XML is an error with line and column, hinting at truncation") {
    const Error error = parse_error("<testsuite>\n  <testcase name=\"a\">\n");
    CHECK(error.where.file == "r.xml");
    CHECK(error.where.line >= 2);
    CHECK(error.message.find("malformed XML") == 0);
    CHECK(error.message.find("truncated") != std::string::npos);
  }

  TEST_CASE("malformed XML points at the offending line and column") {
    const Error error = parse_error(
        "<testsuites>\n<testsuite>\n  <testcase name=\"a\" time=1/>\n</testsuite></testsuites>");
    CHECK(error.where.line == 3);
    CHECK(error.where.column > 1);
  }

  TEST_CASE("a non-JUnit root names what it is") {
    CHECK(parse_error("<test-run id='2'/>").message.find("NUnit 3") != std::string::npos);
    CHECK(parse_error("<test-results/>").message.find("NUnit 2") != std::string::npos);
    CHECK(parse_error("<TestRun xmlns='http://microsoft.com/schemas/VisualStudio/TeamTest/2010'/>")
              .message.find("TRX") != std::string::npos);
    CHECK(parse_error("<assemblies/>").message.find("xUnit.net v2") != std::string::npos);
    CHECK(parse_error("<testng-results/>").message.find("TestNG") != std::string::npos);
    CHECK(parse_error("<coverage/>").message.find("coverage-gate") != std::string::npos);
    const Error html = parse_error("<!DOCTYPE html>\n<html><body>502 Bad Gateway</body></html>");
    CHECK(html.message.find("HTML") != std::string::npos);
    CHECK(html.where.line == 2);
  }

  TEST_CASE("columns after a UTF-8 byte-order mark count from the first character") {
    CHECK(parse_error("\xEF\xBB\xBF<results/>").where.column == 1);
  }

  TEST_CASE("a duration no test can have is an error") {
    CHECK(parse_error("<testsuite><testcase name='a' time='1e308'/></testsuite>")
              .message.find("time=") != std::string::npos);
  }

  TEST_CASE("an unknown root is an error naming it, never 0 tests") {
    const Error error = parse_error("<?xml version='1.0'?>\n<results><test/></results>");
    CHECK(error.to_string() ==
          "r.xml:2:1: expected <testsuites> or <testsuite> as the root element, got <results>");
  }

  TEST_CASE("two concatenated reports are an error, not a silently dropped second half") {
    const Error error =
        parse_error("<testsuite name='a'><testcase name='a'/></testsuite>\n"
                    "<testsuite name='b'><testcase name='b'><failure/></testcase></testsuite>");
    CHECK(error.to_string() ==
          "r.xml:2:1: a second root element <testsuite> after <testsuite>: are two reports "
          "concatenated in this file?");
  }

  TEST_CASE("hostile nesting is refused wherever it hides, without exhausting the stack") {
    const auto nested = [](const std::string& open, const std::string& close, int depth) {
      std::string text;
      for (int i = 0; i < depth; ++i) {
        text += open;
      }
      for (int i = 0; i < depth; ++i) {
        text += close;
      }
      return text;
    };
    const int depth = 100000;
    const std::string suites =
        "<testsuites>" + nested("<testsuite>", "</testsuite>", depth) + "</testsuites>";
    CHECK(parse_error(suites).message.find("nested more than 256 levels") != std::string::npos);
    const std::string in_case = "<testsuites><testsuite><testcase name='a'>" +
                                nested("<x>", "</x>", depth) +
                                "</testcase></testsuite></testsuites>";
    CHECK(parse_error(in_case).message.find("nested more than 256 levels") != std::string::npos);
    const std::string in_suite = "<testsuites><testsuite><system-out>" +
                                 nested("<x>", "</x>", depth) +
                                 "</system-out><testcase name='a'/></testsuite></testsuites>";
    CHECK(parse_error(in_suite).message.find("nested more than 256 levels") != std::string::npos);
  }

  TEST_CASE("a DOCTYPE declaring entities is refused, never expanded") {
    const Error laughs =
        parse_error("<!DOCTYPE t [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]>\n"
                    "<testsuite><testcase name=\"&b;\"/></testsuite>");
    CHECK(laughs.message.find("DOCTYPE") != std::string::npos);
    const Error external = parse_error("<!DOCTYPE t SYSTEM \"file:///etc/passwd\"><testsuite/>");
    CHECK(external.message.find("DOCTYPE") != std::string::npos);
  }

  TEST_CASE("an undeclared entity is left as text, not fetched or expanded") {
    const Report report = parse_ok("<testsuite><testcase name=\"x&xxe;\"/></testsuite>");
    CHECK(report.name(report.cases[0]) == "x&xxe;");
  }

  TEST_CASE("non-numeric count, time and line attributes are errors with their location") {
    const Error tests = parse_error("<testsuites>\n  <testsuite tests=\"many\"/>\n</testsuites>");
    CHECK(tests.to_string() ==
          "r.xml:2:3: <testsuite> attribute tests=\"many\" is not a whole number");
    const Error time = parse_error("<testsuite>\n<testcase name=\"a\" time=\"fast\"/></testsuite>");
    CHECK(time.message == "<testcase> attribute time=\"fast\" is not a duration in seconds");
    CHECK(time.where.line == 2);
    CHECK(parse_error("<testsuite><testcase name=\"a\" line=\"x\"/></testsuite>")
              .message.find("line") != std::string::npos);
    CHECK(parse_error("<testsuite failures=\"-1\"/>").message.find("failures") !=
          std::string::npos);
  }

  TEST_CASE("invalid UTF-16 is an error naming the file") {
    const Error error = parse_error(std::string("\xFF\xFE<\0t", 5));
    CHECK(error.where.file == "r.xml");
    CHECK(error.message.find("UTF-16") != std::string::npos);
  }
}

TEST_SUITE("junit::parse outcomes") {
  TEST_CASE("failure, error and skipped children decide the outcome") {
    CHECK(only_outcome("<testcase name='a'/>") == Outcome::passed);
    CHECK(only_outcome("<testcase name='a'><failure message='m'/></testcase>") == Outcome::failed);
    CHECK(only_outcome("<testcase name='a'><error/></testcase>") == Outcome::error);
    CHECK(only_outcome("<testcase name='a'><skipped/></testcase>") == Outcome::skipped);
    CHECK(only_outcome("<testcase name='a'><failure/><error/></testcase>") == Outcome::error);
    CHECK(only_outcome("<testcase name='a'><skipped/><failure/></testcase>") == Outcome::failed);
    CHECK(only_outcome("<testcase name='a'><system-out>failure</system-out></testcase>") ==
          Outcome::passed);
  }

  TEST_CASE("several failures in one case (gtest) are one failed test with the first message") {
    const Report report = parse_ok("<testsuite><testcase name='a'><failure message='first'/>"
                                   "<failure message='second'/></testcase></testsuite>");
    REQUIRE(report.cases.size() == 1);
    CHECK(report.cases[0].outcome == Outcome::failed);
    CHECK(report.details[report.cases[0].detail].message == "first");
  }

  TEST_CASE("cases with no child but a not-run status are skipped, not passed") {
    CHECK(only_outcome("<testcase name='a' status='disabled'/>") == Outcome::skipped);
    CHECK(only_outcome("<testcase name='a' status='notrun' result='suppressed'/>") ==
          Outcome::skipped);
    CHECK(only_outcome("<testcase name='a' status='run' result='skipped'/>") == Outcome::skipped);
    CHECK(only_outcome("<testcase name='a' result='suppressed'/>") == Outcome::skipped);
    CHECK(only_outcome("<testcase name='a' status='run' result='completed'/>") == Outcome::passed);
  }

  TEST_CASE("ctest's not-run tests that could not start are errors, its SKIP_ tests skips") {
    const Report report = parse_ok(
        "<testsuite name='(empty)' tests='3' failures='0' disabled='0' skipped='2' hostname=''>"
        "<testcase name='a' status='notrun'><skipped message='Unable to find "
        "executable'/></testcase>"
        "<testcase name='b' status='notrun'><skipped message='SKIP_RETURN_CODE=77'/></testcase>"
        "<testcase name='c' status='disabled'/></testsuite>");
    CHECK(report.dialect == "ctest");
    CHECK(report.cases[0].outcome == Outcome::error);
    CHECK(report.cases[1].outcome == Outcome::skipped);
    CHECK(report.cases[2].outcome == Outcome::skipped);
  }

  TEST_CASE("Surefire flaky children make a flaky pass; rerun children keep a failure") {
    CHECK(
        only_outcome(
            "<testcase name='a'><flakyFailure message='x'><stackTrace>t</stackTrace></flakyFailure>"
            "</testcase>") == Outcome::flaky);
    CHECK(only_outcome("<testcase name='a'><flakyError/></testcase>") == Outcome::flaky);
    const Report report = parse_ok(
        "<testsuite><testcase name='a'><failure/><rerunFailure/><rerunFailure/>"
        "</testcase><testcase name='b'><flakyFailure/><flakyFailure/></testcase></testsuite>");
    CHECK(report.cases[0].outcome == Outcome::failed);
    CHECK(report.cases[0].failed_attempts == 2);
    CHECK(report.cases[1].failed_attempts == 2);
  }

  TEST_CASE("pytest encodings: xfail is skipped, an old-style non-strict xpass passes") {
    CHECK(only_outcome(
              "<testcase name='a'><skipped type='pytest.xfail' message='bug'/></testcase>") ==
          Outcome::skipped);
    CHECK(
        only_outcome("<testcase name='a'><skipped message='xfail-marked test passes unexpectedly'/>"
                     "</testcase>") == Outcome::passed);
  }

  TEST_CASE("node's failing todo test is a todo, not a failure") {
    CHECK(only_outcome(
              "<testcase name='a'><skipped type='todo' message='true'/><failure/></testcase>") ==
          Outcome::skipped);
  }

  TEST_CASE("the message falls back to the first line of the text (PHPUnit)") {
    const Report report =
        parse_ok("<testsuite><testcase name='a'><failure type='E'>\n\n  Expected 1\n  got 2"
                 "</failure></testcase></testsuite>");
    CHECK(report.details[0].message == "Expected 1");
    CHECK(report.details[0].type == "E");
  }
}

TEST_SUITE("junit::parse structure") {
  TEST_CASE("a root <testsuites> or <testsuite>, nested and empty suites") {
    const Report report =
        parse_ok("<testsuites><testsuite name='outer'><testsuite name='inner' file='f.js'>"
                 "<testcase name='a'/></testsuite><testcase name='b'/></testsuite>"
                 "<testsuite name='empty'/></testsuites>");
    REQUIRE(report.cases.size() == 2);
    CHECK(report.text(report.cases[0].suite) == "inner");
    CHECK(report.text(report.cases[0].file) == "f.js");
    CHECK(report.text(report.cases[1].suite) == "outer");
    CHECK(report.text(report.cases[1].file).empty());
    CHECK(report.suite_count == 3);
  }

  TEST_CASE("testcases directly under <testsuites> are counted (node's reporter)") {
    CHECK(parse_ok("<testsuites><testcase name='a'/></testsuites>").cases.size() == 1);
  }

  TEST_CASE("a document with no test cases parses as zero tests") {
    CHECK(parse_ok("<testsuite name='pytest' tests='0'/>").cases.empty());
    CHECK(parse_ok("<testsuites tests='0'></testsuites>").cases.empty());
  }

  TEST_CASE("UTF-8 with a BOM, UTF-16 LE and BE all give the same case") {
    const std::string xml = "<?xml version='1.0' encoding='UTF-16'?><testsuite><testcase "
                            "name='caf\xC3\xA9'/></testsuite>";
    CHECK(parse_ok("\xEF\xBB\xBF" + xml).name(parse_ok("\xEF\xBB\xBF" + xml).cases[0]) ==
          "caf\xC3\xA9");
    std::string le = "\xFF\xFE";
    std::string be = "\xFE\xFF";
    const std::u16string wide = u"<?xml version='1.0' encoding='UTF-16'?><testsuite><testcase "
                                u"name='caf\u00e9'/></testsuite>";
    for (const char16_t unit : wide) {
      le += static_cast<char>(unit & 0xFF);
      le += static_cast<char>(unit >> 8);
      be += static_cast<char>(unit >> 8);
      be += static_cast<char>(unit & 0xFF);
    }
    const Report from_le = parse_ok(le);
    const Report from_be = parse_ok(be);
    CHECK(from_le.name(from_le.cases[0]) == "caf\xC3\xA9");
    CHECK(from_be.name(from_be.cases[0]) == "caf\xC3\xA9");
  }

  TEST_CASE("Latin-1 declared in the XML declaration is converted to UTF-8") {
    const Report report =
        parse_ok("<?xml version='1.0' encoding='ISO-8859-1'?><testsuite><testcase "
                 "name='caf\xE9'/></testsuite>");
    CHECK(report.name(report.cases[0]) == "caf\xC3\xA9");
  }

  TEST_CASE("time with thousands separators and skips= for skipped") {
    const Report report =
        parse_ok("<testsuite tests='1' skips='1' time='1,234.5'>"
                 "<testcase name='a' time='1,234.5'><skipped/></testcase></testsuite>");
    CHECK(report.cases[0].time_seconds == doctest::Approx(1234.5));
    CHECK(report.declared.skipped == 1u);
    CHECK(report.warnings.empty());
  }

  TEST_CASE("properties at suite, case and root level are accepted; case properties kept") {
    const Report report = parse_ok(
        "<testsuites><properties><property name='r' value='1'/></properties>"
        "<testsuite><properties><property name='s' value='2'/></properties>"
        "<testcase name='a'><properties><property name='marker' value='critical'/>"
        "<property name='text'>body</property></properties></testcase></testsuite></testsuites>");
    REQUIRE(report.cases.size() == 1);
    const CaseDetail& detail = report.details[report.cases[0].detail];
    REQUIRE(detail.properties.size() == 2);
    CHECK(detail.properties[0] == std::pair<std::string, std::string>("marker", "critical"));
    CHECK(detail.properties[1] == std::pair<std::string, std::string>("text", "body"));
  }

  TEST_CASE("pytest's 0-based line numbers become 1-based; others stay") {
    const Report pytest =
        parse_ok("<testsuites><testsuite name='pytest'><testcase name='a' file='t.py' line='9'/>"
                 "</testsuite></testsuites>");
    CHECK(pytest.dialect == "pytest");
    CHECK(pytest.cases[0].line == 10);
    const Report other =
        parse_ok("<testsuite name='x'><testcase name='a' file='t.cc' line='9'/></testsuite>");
    CHECK(other.cases[0].line == 9);
  }

  TEST_CASE("pytest is recognised under a custom suite name by its suite and case attributes") {
    const Report report =
        parse_ok("<testsuites><testsuite name='critical' hostname='h' timestamp='t'>"
                 "<testcase classname='tests.t' name='a' file='tests/t.py' line='30'/>"
                 "</testsuite></testsuites>");
    CHECK(report.dialect == "pytest");
    CHECK(report.cases[0].line == 31);
  }

  TEST_CASE("declared totals that disagree with the cases give a warning, not a count") {
    const Report report = parse_ok(
        "<testsuite tests='5' failures='0'><testcase name='a'><failure/></testcase></testsuite>");
    REQUIRE(report.warnings.size() == 1);
    CHECK(report.warnings[0] ==
          "the suites declare tests=5 failures=0 but the <testcase> elements give tests=1 "
          "failures=1 (gatekit counts the test cases)");
  }

  TEST_CASE("declared totals of top-level suites are summed when the root has none") {
    const Report report = parse_ok(
        "<testsuites><testsuite tests='1'><testcase name='a'/></testsuite>"
        "<testsuite tests='1'><testsuite tests='1'><testcase name='b'/></testsuite></testsuite>"
        "</testsuites>");
    CHECK(report.declared.tests == 2u);
    CHECK(report.warnings.empty());
  }

  TEST_CASE("suites nested a few levels deep are walked") {
    std::string xml;
    for (int i = 0; i < 20; ++i) {
      xml += "<testsuite>";
    }
    xml += "<testcase name='deep'/>";
    for (int i = 0; i < 20; ++i) {
      xml += "</testsuite>";
    }
    CHECK(parse_ok(xml).cases.size() == 1);
  }

  TEST_CASE("a huge failure message is truncated on a character boundary") {
    std::string message(10000, 'x');
    message += "\xC3\xA9";
    const Report report = parse_ok("<testsuite><testcase name='a'><failure message='" + message +
                                   "'/></testcase></testsuite>");
    const std::string& kept = report.details[0].message;
    CHECK(kept.size() < 5000);
    CHECK(kept.substr(kept.size() - 3) == "\xE2\x80\xA6");
  }
}
