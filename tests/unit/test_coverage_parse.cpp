#include <gatekit/common/xml_errors.hpp>
#include <gatekit/coverage/parse.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace gatekit;
using namespace gatekit::coverage;

namespace {

CoverageReport parse_ok(const std::string& text) {
  Result<CoverageReport> report = parse_coverage(text, "c.xml");
  if (!report.ok()) {
    FAIL("unexpected error: " << report.error().to_string());
  }
  return std::move(report).value();
}

Error parse_error(const std::string& text) {
  Result<CoverageReport> report = parse_coverage(text, "c.xml");
  REQUIRE_FALSE(report.ok());
  return locate_xml_error(report.error(), text);
}

Counts totals(const CoverageReport& report) {
  Counts counts;
  for (const FileCoverage& file : report.files) {
    counts.add(count_file(file));
  }
  return counts;
}

const char* const k_cobertura_head =
    "<?xml version=\"1.0\" ?>\n<coverage version=\"6.5.0\" "
    "line-rate=\"0.5\">\n<sources><source>/repo</source></sources>\n"
    "<packages><package name=\"p\"><classes>\n";
const char* const k_cobertura_tail = "</classes></package></packages></coverage>\n";

std::string cobertura(const std::string& classes) {
  return k_cobertura_head + classes + k_cobertura_tail;
}

} // namespace

TEST_SUITE("coverage::parse errors") {
  TEST_CASE("empty input and unknown formats are errors saying what they are") {
    CHECK(parse_error("").message.find("file is empty") == 0);
    CHECK(parse_error("hello world").message.find("not a coverage report") == 0);
    CHECK(parse_error("<testsuites/>").message.find("use junit-gate") != std::string::npos);
    const Error other = parse_error("<?xml version='1.0'?>\n<results/>");
    CHECK(other.to_string() ==
          "c.xml:2:1: expected a Cobertura or Clover <coverage> or a JaCoCo <report> root "
          "element, got <results>");
  }

  TEST_CASE("non-numeric line data is an error with its location") {
    const Error hits =
        parse_error(cobertura("<class filename=\"a.py\"><lines>\n<line number=\"1\" hits=\"lots\"/>"
                              "</lines></class>"));
    CHECK(hits.message == "<line> attribute hits=\"lots\" is not a number");
    CHECK(hits.where.line == 6);
    CHECK(
        parse_error(
            cobertura(
                "<class filename=\"a.py\"><lines><line number=\"x\" hits=\"1\"/></lines></class>"))
            .message.find("number=\"x\"") != std::string::npos);
    CHECK(parse_error(
              cobertura(
                  "<class filename=\"a.py\"><lines><line number=\"3\" hits=\"1\" branch=\"true\" "
                  "condition-coverage=\"half\"/></lines></class>"))
              .message.find("condition-coverage") != std::string::npos);
    CHECK(parse_error(cobertura("<class><lines/></class>")).message ==
          "<class> has no filename attribute");
  }

  TEST_CASE("LCOV errors carry the tracefile line") {
    const Result<CoverageReport> report =
        parse_coverage("TN:\nSF:a.c\nDA:x,1\nend_of_record\n", "t.info");
    REQUIRE_FALSE(report.ok());
    CHECK(report.error().to_string() == "t.info:3:1: DA: expects LINE,HITS, got 'x,1'");
    const Result<CoverageReport> outside = parse_coverage("TN:\nDA:1,1\n", "t.info");
    CHECK(outside.error().message == "DA: record outside an SF: section");
    CHECK(parse_coverage("SF:a.c\nBRDA:1,0,0,x\nend_of_record\n", "t.info")
              .error()
              .message.find("BRDA") == 0);
  }

  TEST_CASE("a DOCTYPE with entities is refused; JaCoCo's PUBLIC identifier is fine") {
    CHECK(parse_error("<!DOCTYPE coverage [<!ENTITY x \"y\">]><coverage/>")
              .message.find("DOCTYPE declaring entities") != std::string::npos);
    const CoverageReport jacoco =
        parse_ok("<?xml version=\"1.0\"?><!DOCTYPE report PUBLIC \"-//JACOCO//DTD Report 1.1//EN\" "
                 "\"report.dtd\">"
                 "<report name=\"r\"><package name=\"a/b\"><sourcefile name=\"C.java\"><line "
                 "nr=\"3\" mi=\"0\" ci=\"2\" mb=\"0\" "
                 "cb=\"0\"/></sourcefile></package></report>");
    CHECK(jacoco.format == Format::jacoco);
  }
}

TEST_SUITE("coverage::parse cobertura") {
  TEST_CASE("a line repeated across classes and methods counts once, covered if any entry is") {
    const CoverageReport report = parse_ok(cobertura(
        "<class filename=\"a.py\"><methods><method><lines><line number=\"2\" "
        "hits=\"0\"/></lines></method></methods>"
        "<lines><line number=\"1\" hits=\"0\"/><line number=\"2\" hits=\"0\"/></lines></class>"
        "<class filename=\"a.py\"><lines><line number=\"2\" hits=\"4\"/></lines></class>"));
    REQUIRE(report.files.size() == 1);
    const Counts counts = totals(report);
    CHECK(counts.lines_valid == 2);
    CHECK(counts.lines_covered == 1);
    CHECK(report.source_roots == std::vector<std::string>{"/repo"});
  }

  TEST_CASE("branches come from condition-coverage; a repeated line keeps its maximum") {
    const CoverageReport report = parse_ok(cobertura(
        "<class filename=\"a.py\"><lines><line number=\"5\" hits=\"1\" branch=\"true\" "
        "condition-coverage=\"50% (1/2)\"/>"
        "<line number=\"5\" hits=\"1\" branch=\"true\" condition-coverage=\"100% (2/2)\"/>"
        "<line number=\"6\" hits=\"1\" branch=\"true\" condition-coverage=\"25% "
        "(1/4)\"/></lines></class>"));
    const Counts counts = totals(report);
    CHECK(counts.branches_valid == 6);
    CHECK(counts.branches_covered == 3);
  }

  TEST_CASE("header totals that disagree with the records give a warning, not the result") {
    const CoverageReport report =
        parse_ok("<coverage lines-valid=\"10\" "
                 "lines-covered=\"9\"><packages><package><classes><class filename=\"a.py\">"
                 "<lines><line number=\"1\" hits=\"1\"/><line number=\"2\" "
                 "hits=\"0\"/></lines></class></classes></package>"
                 "</packages></coverage>");
    CHECK(totals(report).lines_valid == 2);
    REQUIRE(report.warnings.size() == 1);
    CHECK(report.warnings[0].find("lines-valid=10 lines-covered=9") != std::string::npos);
  }

  TEST_CASE("branch-rate NaN and fractional hits are accepted") {
    const CoverageReport report =
        parse_ok("<coverage branch-rate=\"NaN\"><packages><package><classes><class "
                 "filename=\"a.js\" branch-rate=\"NaN\">"
                 "<lines><line number=\"1\" "
                 "hits=\"2.0\"/></lines></class></classes></package></packages></coverage>");
    CHECK(totals(report).lines_covered == 1);
  }
}

TEST_SUITE("coverage::parse others") {
  TEST_CASE("JaCoCo lines come from sourcefiles; ci is instructions, mb/cb branches") {
    const CoverageReport report = parse_ok(
        "<report name=\"r\"><group name=\"g\"><package name=\"org/x\">"
        "<class name=\"org/x/A\"><counter type=\"LINE\" missed=\"50\" covered=\"50\"/></class>"
        "<sourcefile name=\"A.java\"><line nr=\"1\" mi=\"0\" ci=\"7\" mb=\"1\" cb=\"1\"/>"
        "<line nr=\"2\" mi=\"3\" ci=\"0\" mb=\"0\" cb=\"0\"/><line nr=\"3\" mi=\"0\" ci=\"0\" "
        "mb=\"0\" cb=\"0\"/>"
        "<counter type=\"LINE\" missed=\"1\" covered=\"1\"/></sourcefile></package></group>"
        "<counter type=\"LINE\" missed=\"1\" covered=\"1\"/><counter type=\"BRANCH\" missed=\"1\" "
        "covered=\"1\"/></report>");
    REQUIRE(report.files.size() == 1);
    CHECK(report.files[0].path == "org/x/A.java");
    const Counts counts = totals(report);
    CHECK(counts.lines_valid == 2);
    CHECK(counts.lines_covered == 1);
    CHECK(counts.branches_valid == 2);
    CHECK(counts.branches_covered == 1);
    CHECK(report.warnings.empty());
  }

  TEST_CASE("Clover leaves out <testproject> and method lines; OpenClover conds are two branches") {
    const CoverageReport report = parse_ok(
        "<coverage clover=\"4.4.1\"><project name=\"p\"><package name=\"x\"><file name=\"A.java\" "
        "path=\"src/A.java\">"
        "<line num=\"1\" count=\"1\" type=\"method\"/><line num=\"2\" count=\"3\" type=\"stmt\"/>"
        "<line num=\"3\" count=\"3\" type=\"cond\" truecount=\"2\" "
        "falsecount=\"0\"/></file></package></project>"
        "<testproject><file name=\"T.java\" path=\"test/T.java\"><line num=\"1\" count=\"1\" "
        "type=\"stmt\"/></file>"
        "</testproject></coverage>");
    REQUIRE(report.files.size() == 1);
    const Counts counts = totals(report);
    CHECK(counts.lines_valid == 2);
    CHECK(counts.branches_valid == 2);
    CHECK(counts.branches_covered == 1);
  }

  TEST_CASE("istanbul's Clover cond lines carry covered and uncovered branch counts") {
    const CoverageReport report = parse_ok(
        "<coverage generated=\"1\" clover=\"3.2.0\"><project timestamp=\"1\" name=\"All files\">"
        "<file name=\"a.js\" path=\"/w/a.js\"><line num=\"4\" count=\"2\" type=\"cond\" "
        "truecount=\"1\" falsecount=\"3\"/>"
        "</file></project></coverage>");
    const Counts counts = totals(report);
    CHECK(counts.branches_valid == 4);
    CHECK(counts.branches_covered == 1);
  }

  TEST_CASE("LCOV branches have an identity; '-' is never taken; a BRDA without DA is no line") {
    const CoverageReport report =
        parse_ok("TN:\nSF:src/a.c\nDA:10,1\nDA:11,0\nBRDA:10,0,0,-\nBRDA:10,0,1,3\n"
                 "BRDA:12,0,0,1\nLF:2\nLH:1\nend_of_record\n");
    REQUIRE(report.files.size() == 1);
    const Counts counts = totals(report);
    CHECK(counts.lines_valid == 2);
    CHECK(counts.lines_covered == 1);
    CHECK(counts.branches_valid == 3);
    CHECK(counts.branches_covered == 2);
    CHECK(report.files[0].branch_points.size() == 3);
    CHECK(report.warnings.empty());
  }

  TEST_CASE("LCOV totals that disagree with the records give a warning") {
    const CoverageReport report = parse_ok("SF:a.c\nDA:1,1\nLF:5\nLH:5\nend_of_record\n");
    REQUIRE(report.warnings.size() == 1);
    CHECK(report.warnings[0].find("lines-valid=5") != std::string::npos);
  }

  TEST_CASE("LCOV without a final end_of_record, with CRLF line ends and a BOM still parses") {
    const CoverageReport report = parse_ok("\xEF\xBB\xBFSF:a.c\r\nDA:1,2\r\nDA:2,0\r\n");
    CHECK(totals(report).lines_valid == 2);
  }
}

TEST_SUITE("coverage::parse coverage.py") {
  TEST_CASE("missing-branches may name the function exit") {
    const CoverageReport report =
        parse_ok("<coverage><packages><package><classes><class filename=\"a.py\"><lines>"
                 "<line number=\"3\" hits=\"1\" branch=\"true\" condition-coverage=\"0% (0/2)\" "
                 "missing-branches=\"exit,7\"/>"
                 "</lines></class></classes></package></packages></coverage>");
    REQUIRE(report.files[0].missing_arcs.size() == 1);
    CHECK(report.files[0].missing_arcs[0].destinations == std::vector<std::string>{"7", "exit"});
  }
}

TEST_SUITE("coverage::parse review fixes") {
  TEST_CASE("coverage.py's BRDA line 0 (an exit from a function) is a branch without a line") {
    const CoverageReport report =
        parse_ok("SF:m.py\nDA:2,1\nBRDA:2,0,0,1\nBRDA:0,0,1,-\nend_of_record\n");
    const Counts counts = totals(report);
    CHECK(counts.lines_valid == 1);
    CHECK(counts.branches_valid == 2);
    CHECK(counts.branches_covered == 1);
  }

  TEST_CASE("an OpenClover cond line without count is covered when it was evaluated") {
    const CoverageReport report =
        parse_ok("<coverage clover=\"4.4.1\"><project name=\"p\"><file path=\"A.java\">"
                 "<line num=\"3\" type=\"cond\" truecount=\"2\" "
                 "falsecount=\"0\"/></file></project></coverage>");
    CHECK(totals(report).lines_covered == 1);
  }
}
