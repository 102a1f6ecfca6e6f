// The chunked Cobertura reader must give exactly what the whole-document
// reader gives, and decline (so that the whole document is parsed) on any
// shape it does not read safely.

#include "../../src/common/xml_document.hpp"
#include "../../src/coverage/xml_formats.hpp"

#include <gatekit/common/file_io.hpp>
#include <gatekit/common/xml_errors.hpp>

#include <doctest/doctest.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace gatekit;
using namespace gatekit::coverage;

namespace {

Result<CoverageReport> whole_document(std::string text) {
  pugi::xml_document document;
  Result<pugi::xml_node> root = xml::load_document(
      document, text, "c.xml", xml::DocumentKind{"", xml::DoctypePolicy::allow_external_ids});
  if (!root) {
    return root.error();
  }
  return detail::read_cobertura(root.value(), "c.xml");
}

void check_same(const CoverageReport& a, const CoverageReport& b) {
  REQUIRE(a.files.size() == b.files.size());
  for (size_t i = 0; i < a.files.size(); ++i) {
    CHECK(a.files[i].path == b.files[i].path);
    REQUIRE(a.files[i].lines.size() == b.files[i].lines.size());
    for (size_t j = 0; j < a.files[i].lines.size(); ++j) {
      CHECK(a.files[i].lines[j].line == b.files[i].lines[j].line);
      CHECK(a.files[i].lines[j].hits == b.files[i].lines[j].hits);
      CHECK(a.files[i].lines[j].branches_valid == b.files[i].lines[j].branches_valid);
      CHECK(a.files[i].lines[j].branches_covered == b.files[i].lines[j].branches_covered);
    }
    CHECK(a.files[i].missing_arcs.size() == b.files[i].missing_arcs.size());
  }
  CHECK(a.source_roots == b.source_roots);
  CHECK(a.producer == b.producer);
  CHECK(a.warnings == b.warnings);
}

const std::string k_head =
    "<?xml version=\"1.0\"?>\n<coverage "
    "lines-valid=\"2\">\n<sources><source>/r</source></sources>\n<packages>\n";
const std::string k_class_a =
    "<class name=\"a\" filename=\"a.py\"><lines><line number=\"1\" hits=\"1\"/></lines></class>\n";
const std::string k_class_b =
    "<class name=\"b\" filename=\"b.py\"><lines><line number=\"2\" hits=\"0\"/></lines></class>\n";

std::string document(const std::string& between,
                     const std::string& tail = "</classes></package></packages></coverage>\n") {
  return k_head + "<package name=\"p\"><classes>\n" + k_class_a + between + k_class_b + tail;
}

} // namespace

TEST_SUITE("coverage::cobertura chunked") {
  TEST_CASE("every Cobertura fixture reads the same in chunks as whole") {
    size_t compared = 0;
    for (const fs::directory_entry& entry :
         fs::recursive_directory_iterator(fs::path(GATEKIT_TEST_DATA_DIR))) {
      const std::string path = entry.path().string();
      if (entry.path().extension() != ".xml") {
        continue;
      }
      const std::string text = read_file(path).value();
      if (text.find("<packages") == std::string::npos ||
          text.find("clover=") != std::string::npos) {
        continue;
      }
      CAPTURE(path);
      const std::optional<Result<CoverageReport>> chunked =
          detail::read_cobertura_chunked(text, "c.xml");
      const Result<CoverageReport> whole = whole_document(text);
      if (!chunked) {
        CHECK_FALSE(whole.ok()); // only a broken document may decline
        continue;
      }
      REQUIRE(chunked->ok() == whole.ok());
      if (whole.ok()) {
        check_same(chunked->value(), whole.value());
      }
      ++compared;
    }
    CHECK(compared >= 12);
  }

  TEST_CASE(
      "an error inside a class sends the file to the whole-document reader, which locates it") {
    const std::string text = document("<class name=\"c\" filename=\"c.py\"><lines>\n<line "
                                      "number=\"3\" hits=\"many\"/></lines></class>\n");
    CHECK_FALSE(detail::read_cobertura_chunked(text, "c.xml").has_value());
    const Result<CoverageReport> whole = whole_document(text);
    REQUIRE_FALSE(whole.ok());
    const Error located = locate_xml_error(whole.error(), text);
    CHECK(located.where.line == 8);
    CHECK(located.message == "<line> attribute hits=\"many\" is not a number");
  }

  TEST_CASE("several packages and classes elements read alike in both readers") {
    const std::string cls =
        "<class filename=\"a.py\"><lines><line number=\"1\" hits=\"1\"/></lines></class>";
    const std::string cls2 =
        "<class filename=\"b.py\"><lines><line number=\"1\" hits=\"0\"/></lines></class>";
    for (const std::string& text : {
             "<coverage><packages/><packages><package><classes>" + cls +
                 "</classes></package></packages></coverage>",
             "<coverage><packages><package><classes>" + cls + "</classes><classes>" + cls2 +
                 "</classes></package></packages></coverage>",
             "<coverage><packages><package><classes/><classes>" + cls +
                 "</classes></package></packages></coverage>",
         }) {
      CAPTURE(text);
      const std::optional<Result<CoverageReport>> chunked =
          detail::read_cobertura_chunked(text, "c.xml");
      REQUIRE(chunked.has_value());
      check_same(chunked->value(), whole_document(text).value());
    }
  }

  TEST_CASE("comments, packages and empty classes between classes are read") {
    const std::string text =
        document("<!-- a comment --></classes></package>\n<package name=\"q\"><classes/>"
                 "</package><package name='r>s'><classes><class name=\"e\" filename=\"e.py\"/>\n");
    const std::optional<Result<CoverageReport>> chunked =
        detail::read_cobertura_chunked(text, "c.xml");
    REQUIRE(chunked.has_value());
    REQUIRE(chunked->ok());
    check_same(chunked->value(), whole_document(text).value());
  }

  TEST_CASE("shapes the chunked reader cannot read safely fall back to the whole document") {
    for (const std::string& text : {
             document("stray text\n"), document("<![CDATA[ </class> ]]>\n"),
             document("<line number=\"9\" hits=\"1\"/>\n"),
             document("", "</classes></package></packages>\n"), // no </coverage>
             document("",
                      "</classes></package></packages></coverage>\n<coverage/>\n"), // a second root
             k_head + "<package><classes><class filename=\"a.py\"><lines>",         // truncated
             document(
                 "<class name=\"x\" filename=\"x.py\"><lines><!-- </class> --></lines></class>\n"),
             document("<!-- a <class> in a comment -->\n"),
             "<coverage><project name=\"x\"/><packages><package><classes>" + k_class_a +
                 "</classes></package></packages></coverage>", // Clover-like
             "<coverage/><coverage><packages><package><classes>" + k_class_a +
                 "</classes></package></packages></coverage>", // two roots
             "<!DOCTYPE coverage SYSTEM \"ENTITY.dtd\"><coverage><packages><package><classes>" +
                 k_class_a + "</classes></package></packages></coverage>", // refused DOCTYPE
         }) {
      CAPTURE(text);
      CHECK_FALSE(detail::read_cobertura_chunked(text, "c.xml").has_value());
    }
  }
}
