// The position-keeping document tree under both flag formats: JSON through
// nlohmann's SAX interface, YAML through yaml-cpp.

#include <gatekit/common/text.hpp>
#include <gatekit/flags/document.hpp>

#include <doctest/doctest.h>

using namespace gatekit;
using namespace gatekit::flags;

namespace {

Document parse(std::string_view text, const std::string& file = "f.json") {
  Result<Document> document = parse_document(text, file);
  REQUIRE_MESSAGE(document.ok(), (document.ok() ? "" : document.error().to_string()));
  return std::move(document).value();
}

std::string error_of(std::string_view text, const std::string& file) {
  Result<Document> document = parse_document(text, file);
  REQUIRE_FALSE(document.ok());
  return document.error().to_string();
}

} // namespace

TEST_SUITE("flags::document") {
  TEST_CASE("malformed JSON is refused with the line and column of the bad token") {
    CHECK(error_of("{\n  \"a\": tru\n}", "x.json")
              .find("x.json:2:11: not valid JSON: syntax error while parsing value - invalid "
                    "literal") == 0);
    CHECK(error_of("{\"a\": 1,\n}", "x.json").find("x.json:2:1: not valid JSON") == 0);
  }

  TEST_CASE("malformed YAML is refused with yaml-cpp's line and column") {
    CHECK(error_of("a: [1, 2\nb: 3\n", "x.yaml").find("x.yaml:") == 0);
    CHECK(error_of("a: [1, 2\nb: 3\n", "x.yaml").find("not valid YAML") != std::string::npos);
  }

  TEST_CASE("an empty file and an over-deep document are refused") {
    CHECK(error_of("  \n", "x.json") == "x.json: file is empty");
    CHECK(error_of(std::string(300, '[') + std::string(300, ']'), "x.json")
              .find("nested deeper than 200 levels") != std::string::npos);
    CHECK(error_of(std::string(300, '[') + std::string(300, ']'), "x.yaml")
              .find("nested deeper than 200 levels") != std::string::npos);
  }

  TEST_CASE("a YAML alias bomb is refused instead of expanded") {
    std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 9; ++i) {
      const std::string prev = "*a" + std::to_string(i - 1);
      text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev + ", " + prev +
              ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev +
              ", " + prev + ", " + prev + "]\n";
    }
    CHECK(error_of(text, "x.yaml").find("more than a million values") != std::string::npos);
  }

  TEST_CASE("a key longer than 1 KiB, or a pointer longer than 4 KiB, is refused") {
    const std::string long_key(1025, 'k');
    CHECK(error_of("{\"flags\": {\"" + long_key + "\": 1}}", "x.json")
              .find("x.json:1:12: not valid JSON: key \"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
                    "...\" is 1025 bytes long; keys longer than 1 KiB are refused") == 0);
    CHECK(error_of("flags:\n  ? " + long_key + "\n  : 1\n", "x.yaml")
              .find("keys longer than 1 KiB are refused") != std::string::npos);
    const std::string key(1000, 'j');
    std::string deep = "{";
    for (int i = 0; i < 5; ++i) {
      deep += "\"" + key + "\": {";
    }
    deep += std::string(5, '}') + "}";
    CHECK(error_of(deep, "x.json").find("makes a JSON Pointer longer than 4 KiB") !=
          std::string::npos);
  }

  TEST_CASE("values share their parent's path and build their pointer only when asked") {
    const std::string key(1000, 'k');
    const Document document = parse("{\"" + key + "\": [1, 2, 3]}");
    const Node& list = *document.root.find(key);
    REQUIRE(list.items.size() == 3);
    // One link per value holding its own token; the long key is stored once.
    CHECK(list.items[0].link->parent == list.link);
    CHECK(list.items[2].link->parent == list.link);
    CHECK(list.items[2].link->token == "2");
    CHECK(list.items[2].path() == "/" + key + "/2");
    CHECK(document.root.path().empty());
  }

  TEST_CASE("columns count characters, not bytes, in JSON and YAML") {
    const Document json = parse("{\"é\": \"ü\", \"b\": 1}");
    CHECK(json.root.find("é")->column == 7);
    CHECK(json.root.find("b")->column == 17);
    const Document yaml = parse("é: ü\nb: [ä, 1]\n", "x.yaml");
    CHECK(yaml.root.find("é")->column == 4);
    CHECK(yaml.root.find("b")->items[1].column == 8);
  }

  TEST_CASE("JSON values know their line, column and JSON Pointer") {
    const Document document =
        parse("{\n  \"flags\": {\n    \"a/b\": {\"enabled\": true, \"n\": 12.5,"
              " \"s\": \"x\\\"y\", \"l\": [null]}\n  }\n}\n");
    const Node& flag = *document.root.find("flags")->find("a/b");
    CHECK(flag.path() == "/flags/a~1b");
    CHECK(flag.line == 3);
    CHECK(flag.column == 12);
    const Node& enabled = *flag.find("enabled");
    CHECK(enabled.kind == Node::Kind::boolean);
    CHECK(enabled.column == 24);
    const Node& number = *flag.find("n");
    CHECK(number.text == "12.5");
    CHECK_FALSE(number.integer);
    CHECK(number.column == 35);
    const Node& text = *flag.find("s");
    CHECK(text.text == "x\"y");
    CHECK(text.column == 46);
    CHECK(flag.find("l")->items[0].path() == "/flags/a~1b/l/0");
    CHECK(flag.find("l")->items[0].column == 60);
  }

  TEST_CASE("a duplicate JSON key is recorded with both lines, and the last value wins") {
    const Document document = parse("{\"flags\": {\n \"x\": 1,\n \"x\": 2}}");
    REQUIRE(document.duplicates.size() == 1);
    CHECK(document.duplicates[0].path == "/flags/x");
    CHECK(document.duplicates[0].line == 3);
    CHECK(document.duplicates[0].column == 2);
    CHECK(document.duplicates[0].first_line == 2);
    CHECK(document.root.find("flags")->find("x")->number == 2);
    CHECK(document.root.find("flags")->members.size() == 1);
  }

  TEST_CASE("a duplicate YAML key is recorded too (yaml-cpp keeps both silently)") {
    const Document document = parse("flags:\n  x: 1\n  y: 2\n  x: 3\n", "f.yml");
    REQUIRE(document.duplicates.size() == 1);
    CHECK(document.duplicates[0].path == "/flags/x");
    CHECK(document.duplicates[0].line == 4);
    CHECK(document.duplicates[0].first_line == 2);
    CHECK(document.root.find("flags")->find("x")->number == 3);
  }

  TEST_CASE("many repeated keys are handled in linear time, in JSON and YAML") {
    std::string json = "{\"flags\": {";
    std::string yaml = "flags:\n";
    for (int i = 0; i < 100000; ++i) {
      json += std::string(i == 0 ? "" : ",") + "\"a\": " + std::to_string(i);
      yaml += "  a: " + std::to_string(i) + "\n";
    }
    json += "}}";
    for (const auto& [text, file] : {std::pair{json, "f.json"}, std::pair{yaml, "f.yaml"}}) {
      const Document document = parse(text, file);
      CHECK(document.duplicates.size() == 99999);
      CHECK(document.root.find("flags")->members.size() == 1);
      CHECK(document.root.find("flags")->find("a")->number == 99999);
    }
  }

  TEST_CASE("YAML plain scalars follow the core schema; quoted ones stay strings") {
    const Document document =
        parse("a: true\nb: \"true\"\nc: 12\nd: 1.0.0\ne: ~\nf: '5'\ng: 2.5\n", "f.yaml");
    const Node& root = document.root;
    CHECK(root.find("a")->kind == Node::Kind::boolean);
    CHECK(root.find("b")->kind == Node::Kind::string);
    CHECK(root.find("c")->kind == Node::Kind::number);
    CHECK(root.find("c")->integer);
    CHECK(root.find("d")->kind == Node::Kind::string);
    CHECK(root.find("e")->kind == Node::Kind::null);
    CHECK(root.find("f")->kind == Node::Kind::string);
    CHECK(root.find("g")->number == 2.5);
    CHECK(root.find("b")->line == 2);
    CHECK(root.find("b")->column == 4);
  }

  TEST_CASE("content decides JSON or YAML unless the name says .yml/.yaml") {
    CHECK(parse("flags: {}\n", "flags.json").root.is_object());
    CHECK(parse("\xEF\xBB\xBF {\"flags\": {}}", "flags.txt").root.is_object());
  }

  TEST_CASE("describe names a value for messages") {
    Node node;
    node.kind = Node::Kind::string;
    node.text = "true";
    CHECK(describe(node) == "the string \"true\"");
    CHECK(json_pointer_token("a~b/c") == "a~0b~1c");
  }
}
