// MurmurHash3_x86_32 and flagd's fractional bucketing, against published
// known answers and flagd's own test vectors.

#include <gatekit/flags/document.hpp>
#include <gatekit/flags/jsonlogic.hpp>
#include <gatekit/flags/murmur3.hpp>
#include <gatekit/flags/parse.hpp>
#include <gatekit/flags/rollout.hpp>

#include <doctest/doctest.h>

using namespace gatekit;
using namespace gatekit::flags;

namespace {

Node parse_json(std::string_view text) {
  Result<Document> document = parse_document(text, "rule.json");
  REQUIRE(document.ok());
  return document.value().root;
}

// The value `rule` gives for the context `data` (both JSON).
std::string evaluate(std::string_view rule, std::string_view data) {
  const LogicResult result = evaluate_logic(parse_json(rule), parse_json(data));
  REQUIRE_MESSAGE(result.unsupported.empty(), result.unsupported);
  REQUIRE_MESSAGE(result.error.empty(), result.error);
  return result.value.text;
}

} // namespace

TEST_SUITE("flags::murmur3") {
  // Known answers published with SMHasher's MurmurHash3_x86_32 and repeated in
  // many ports (e.g. Wikipedia's MurmurHash table; Go: spaolacci/murmur3 tests).
  TEST_CASE("MurmurHash3_x86_32 gives the published known answers") {
    CHECK(murmur3_x86_32("", 0) == 0u);
    CHECK(murmur3_x86_32("", 1) == 0x514E28B7u);
    CHECK(murmur3_x86_32("", 0xffffffff) == 0x81F16F39u);
    CHECK(murmur3_x86_32("hello") == 0x248bfa47u);
    CHECK(murmur3_x86_32("test", 0) == 0xba6bd213u);
    CHECK(murmur3_x86_32("test", 0x9747b28c) == 0x704b81dcu);
    CHECK(murmur3_x86_32("Hello, world!", 0) == 0xc0363e43u);
    CHECK(murmur3_x86_32("Hello, world!", 0x9747b28c) == 0x24884cbau);
    CHECK(murmur3_x86_32("The quick brown fox jumps over the lazy dog", 0) == 0x2e4ff723u);
    CHECK(murmur3_x86_32("The quick brown fox jumps over the lazy dog", 0x9747b28c) == 0x2fa826cdu);
    CHECK(murmur3_x86_32("abc") == 0xb3dd93fau);
    CHECK(murmur3_x86_32("special characters a\xc3\xa7"
                         "b\xe2\x86\x93"
                         "c",
                         0) == 0xbe83b140u);
  }
}

TEST_SUITE("flags::fractional") {
  // Source: open-feature/flagd-testbed, evaluator/gherkin/fractional.feature
  // ("@fractional-v2" examples) with the flags of evaluator/flags/testkit-flags.json;
  // every flagd provider (Go, Java, JS, .NET, Python) runs these.
  TEST_CASE("fractional-flag: cat($flagd.flagKey, user.name) over four equal buckets") {
    const std::string rule = R"({"fractional": [
        {"cat": [{"var": "$flagd.flagKey"}, {"var": "user.name"}]},
        ["clubs", 25], ["diamonds", 25], ["hearts", 25], ["spades", 25]]})";
    const auto data = [](const std::string& name) {
      return R"({"$flagd": {"flagKey": "fractional-flag"}, "user": {"name": ")" + name + R"("}})";
    };
    CHECK(evaluate(rule, data("jack")) == "hearts");
    CHECK(evaluate(rule, data("queen")) == "spades");
    CHECK(evaluate(rule, data("ten")) == "clubs");
    CHECK(evaluate(rule, data("nine")) == "diamonds");
    CHECK(evaluate(rule, data("3")) == "clubs");
  }

  TEST_CASE("fractional-flag-shorthand: no bucketing key, flagKey + targetingKey, weight 1") {
    const std::string rule = R"({"fractional": [["heads"], ["tails", 1]]})";
    const auto data = [](const std::string& key) {
      return R"({"$flagd": {"flagKey": "fractional-flag-shorthand"}, "targetingKey": ")" + key +
             R"("})";
    };
    CHECK(evaluate(rule, data("jon@company.com")) == "heads");
    CHECK(evaluate(rule, data("jane@company.com")) == "tails");
  }

  TEST_CASE("fractional-flag-A-shared-seed: a fixed seed shared between flags") {
    const std::string rule = R"({"fractional": [
        {"cat": ["shared-seed", {"var": "user.name"}]},
        ["clubs", 25], ["diamonds", 25], ["hearts", 25], ["spades", 25]]})";
    const auto data = [](const std::string& name) {
      return R"({"user": {"name": ")" + name + R"("}})";
    };
    CHECK(evaluate(rule, data("seven")) == "hearts");
    CHECK(evaluate(rule, data("eight")) == "diamonds");
    CHECK(evaluate(rule, data("nine")) == "clubs");
    CHECK(evaluate(rule, data("two")) == "spades");
  }

  TEST_CASE("fractional-hash-edge-flag: keys whose hashes sit at the bucket boundaries") {
    const std::string rule =
        R"({"fractional": [{"var": "targetingKey"}, ["lower", 50], ["upper", 50]]})";
    for (const char* key : {"ejOoVL", "bY9fO-", "SI7p-"}) {
      CHECK(evaluate(rule, std::string(R"({"targetingKey": ")") + key + "\"}") == "lower");
    }
    for (const char* key : {"6LvT0", "ceQdGm"}) {
      CHECK(evaluate(rule, std::string(R"({"targetingKey": ")") + key + "\"}") == "upper");
    }
  }

  TEST_CASE("a missing bucketing value falls back to flagKey + targetingKey, as flagd does") {
    // flagd's parseFractionalEvaluationData drops a nil first argument and
    // buckets by $flagd.flagKey + targetingKey instead.
    const std::string data =
        R"({"$flagd": {"flagKey": "headerColor"}, "targetingKey": "foo@foo.com"})";
    const std::string buckets = R"(["red", 50], ["blue", 50], ["green", 50], ["yellow", 50]]})";
    const std::string explicit_key =
        evaluate(R"({"fractional": ["headerColorfoo@foo.com", )" + buckets, data);
    CHECK(evaluate(R"({"fractional": [{"var": "email"}, )" + buckets, data) == explicit_key);
    CHECK(evaluate(R"({"fractional": [)" + buckets, data) == explicit_key);
    CHECK(evaluate(R"({"fractional": ["other-key", )" + buckets, data) != explicit_key);
    const LogicResult none = evaluate_logic(
        parse_json(R"({"fractional": [{"var": "email"}, ["red", 50]]})"), parse_json("{}"));
    CHECK(none.error == "no bucketing value and no targetingKey (--user) to bucket by");
  }

  TEST_CASE("pick_bucket maps the hash onto the summed weights with (h * total) >> 32") {
    Node a;
    a.kind = Node::Kind::string;
    a.text = "a";
    Node b = a;
    b.text = "b";
    // murmur3("hello") = 0x248bfa47: (0x248bfa47 * 100) >> 32 = 14.
    CHECK(pick_bucket("hello", {{a, 14}, {b, 86}})->text == "b");
    CHECK(pick_bucket("hello", {{a, 15}, {b, 85}})->text == "a");
    CHECK_FALSE(pick_bucket("hello", {{a, 0}, {b, 0}}).has_value());
  }

  TEST_CASE("an operator flag-validate does not evaluate is reported, not guessed") {
    const LogicResult result = evaluate_logic(
        parse_json(R"({"sem_ver": [{"var": "v"}, ">", "1.0.0"]})"), parse_json("{}"));
    CHECK(result.unsupported == "sem_ver");
  }

  TEST_CASE("if, in, ==, and, starts_with and ends_with evaluate as JSONLogic does") {
    CHECK(evaluate(R"({"if": [{"in": ["@x.io", {"var": "e"}]}, "a", "b"]})",
                   R"({"e": "q@x.io"})") == "a");
    CHECK(evaluate(R"({"if": [{"==": [{"var": "n"}, "1"]}, "a", "b"]})", R"({"n": 1})") == "a");
    CHECK(evaluate(R"({"if": [{"and": [true, {"ends_with": [{"var": "e"}, ".io"]}]}, "a", "b"]})",
                   R"({"e": "q@x.com"})") == "b");
    CHECK(evaluate(R"({"if": [{"starts_with": [{"var": "e"}, "q@"]}, "a", "b"]})",
                   R"({"e": "q@x.com"})") == "a");
  }
}

TEST_SUITE("flags::bucketing") {
  TEST_CASE("own-format buckets are murmur3(\"flag/user\") mod 1000000, stable across machines") {
    CHECK(user_bucket("phase_4_deployment", "alice") ==
          murmur3_x86_32("phase_4_deployment/alice") % 1000000);
    CHECK(user_bucket("phase_4_deployment", "alice") == 398909);
    CHECK(user_bucket("aatc_system_enabled", "alice") !=
          user_bucket("phase_4_deployment", "alice"));
  }

  TEST_CASE("a rollout admits exactly the percentage given, to 0.0001%") {
    // 33.333% is 333330 buckets of a million: 0..333329 in, 333330 out
    // (bucket < p * 100 over 10000 buckets let 33.34% in).
    CHECK(in_rollout(333329, 33.333));
    CHECK_FALSE(in_rollout(333330, 33.333));
    CHECK_FALSE(in_rollout(0, 0));
    CHECK(in_rollout(999999, 100));
    CHECK(in_rollout(9, 0.001));
    CHECK_FALSE(in_rollout(10, 0.001));
  }

  TEST_CASE("about p percent of users fall below p percent") {
    int in = 0;
    for (int i = 0; i < 10000; ++i) {
      in += user_bucket("phase_4_deployment", "user-" + std::to_string(i)) < 250000 ? 1 : 0;
    }
    CHECK(in > 2350);
    CHECK(in < 2650);
  }
}
