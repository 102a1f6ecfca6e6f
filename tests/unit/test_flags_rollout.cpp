// Where rollouts stand at chosen instants (`eval`), RFC 3339 instants, and
// the per-user answers.

#include <gatekit/common/file_io.hpp>
#include <gatekit/flags/evaluate.hpp>
#include <gatekit/flags/parse.hpp>
#include <gatekit/flags/rfc3339.hpp>
#include <gatekit/flags/rollout.hpp>

#include <doctest/doctest.h>

using namespace gatekit;
using namespace gatekit::flags;

namespace {

Instant at(const char* text) {
  const std::optional<Instant> instant = parse_rfc3339(text);
  REQUIRE_MESSAGE(instant.has_value(), text);
  return *instant;
}

FlagFile seeds() {
  const std::string path = std::string(GATEKIT_EXAMPLES_DIR) + "/flags/feature_flags.json";
  Result<std::string> text = read_file(path);
  REQUIRE(text.ok());
  Result<FlagFile> file = parse_flag_file(text.value(), path);
  REQUIRE(file.ok());
  return std::move(file).value();
}

FlagFile flagd(const std::string& name) {
  const std::string path = std::string(GATEKIT_TEST_DATA_DIR) + "/flags/flagd/" + name;
  Result<std::string> text = read_file(path);
  REQUIRE(text.ok());
  Result<FlagFile> file = parse_flag_file(text.value(), path);
  REQUIRE(file.ok());
  return std::move(file).value();
}

const FlagEvaluation& find(const std::vector<FlagEvaluation>& results, const std::string& key) {
  for (const FlagEvaluation& result : results) {
    if (result.key == key) {
      return result;
    }
  }
  FAIL("no flag " << key);
  return results.front();
}

} // namespace

TEST_SUITE("flags::rfc3339") {
  TEST_CASE("RFC 3339 date-times parse to UTC microseconds; anything else is refused") {
    const Instant noon = 1761048000 * k_second;
    CHECK(parse_rfc3339("1970-01-01T00:00:00Z") == std::optional<Instant>(0));
    CHECK(parse_rfc3339("2025-10-21T12:00:00Z") == std::optional<Instant>(noon));
    CHECK(parse_rfc3339("2025-10-21T14:00:00+02:00") == std::optional<Instant>(noon));
    CHECK(parse_rfc3339("2025-10-21t12:00:00.123456z") == std::optional<Instant>(noon + 123456));
    CHECK(parse_rfc3339("2025-10-21T12:00:00.1234567Z") == std::optional<Instant>(noon + 123456));
    CHECK(parse_rfc3339("2024-02-29T00:00:00Z").has_value());
    for (const char* bad : {"2025-10-21", "2025-10-21T12:00:00", "2025-02-29T00:00:00Z",
                            "2025-13-01T00:00:00Z", "2025-10-21T24:00:00Z", "21/10/2025",
                            "2025-10-21T12:00:00+0200", "2025-10-21T12:00:00Z ", ""}) {
      CHECK_MESSAGE(!parse_rfc3339(bad).has_value(), bad);
    }
  }

  TEST_CASE("fractional seconds keep their order") {
    CHECK(*parse_rfc3339("2025-10-21T12:00:00.1Z") < *parse_rfc3339("2025-10-21T12:00:00.9Z"));
    CHECK(*parse_rfc3339("2025-10-21T12:00:00.9Z") < *parse_rfc3339("2025-10-21T12:00:01Z"));
  }

  TEST_CASE("second 60 is accepted only as a leap second at 23:59:60 UTC") {
    const std::optional<Instant> leap = parse_rfc3339("2016-12-31T23:59:60Z");
    REQUIRE(leap.has_value());
    CHECK(*leap > *parse_rfc3339("2016-12-31T23:59:59.5Z"));
    CHECK(*leap < *parse_rfc3339("2017-01-01T00:00:00Z"));
    CHECK(parse_rfc3339("2016-12-31T18:59:60-05:00") == leap);
    CHECK_FALSE(parse_rfc3339("2025-10-21T12:30:60Z").has_value());
    CHECK_FALSE(parse_rfc3339("2016-12-31T23:59:60+01:00").has_value());
    CHECK(rfc3339_hint("2025-10-21T12:30:60Z") ==
          "second 60 exists only for a leap second, at 23:59:60 UTC");
  }

  TEST_CASE("a space instead of T is refused, with a hint to write T") {
    CHECK_FALSE(parse_rfc3339("2025-10-21 12:00:00Z").has_value());
    CHECK(rfc3339_hint("2025-10-21 12:00:00Z") ==
          "RFC 3339 (section 5.6) needs 'T' between the date and the time, not a space: write "
          "2025-10-21T12:00:00...");
    CHECK(rfc3339_hint("21/10/2025").empty());
  }

  TEST_CASE("instants format back to RFC 3339 in UTC") {
    CHECK(format_rfc3339(1761048000 * k_second) == "2025-10-21T12:00:00Z");
    CHECK(format_rfc3339(1761048000 * k_second + 250000) == "2025-10-21T12:00:00.25Z");
    CHECK(format_rfc3339(-k_second) == "1969-12-31T23:59:59Z");
    CHECK(format_rfc3339(-1) == "1969-12-31T23:59:59.999999Z");
    CHECK(days_from_civil(2000, 3, 1) == 11017);
  }
}

TEST_SUITE("flags::rollout") {
  TEST_CASE("a linear window: not started, in progress, completed") {
    const FlagFile file = seeds();
    const Flag& aatc = *file.find("aatc_system_enabled"); // 0 -> 100, Oct 20 .. Oct 27
    CHECK(rollout_state(aatc, at("2025-10-19T00:00:00Z")).phase == Phase::not_started);
    CHECK(rollout_state(aatc, at("2025-10-19T00:00:00Z")).percentage == 0.0);
    const RolloutState middle = rollout_state(aatc, at("2025-10-21T12:00:00Z"));
    CHECK(middle.phase == Phase::in_progress);
    CHECK(*middle.percentage == doctest::Approx(150.0 / 7)); // 1.5 of 7 days
    CHECK(*rollout_state(aatc, at("2025-10-23T12:00:00Z")).percentage == doctest::Approx(50.0));
    CHECK(rollout_state(aatc, at("2025-10-27T00:00:00Z")).phase == Phase::completed);
    CHECK(rollout_state(aatc, at("2025-10-27T00:00:00Z")).percentage == 100.0);
  }

  TEST_CASE("milestones make a step schedule: the last milestone reached counts") {
    const FlagFile file = seeds();
    const Flag& phase4 = *file.find("phase_4_deployment"); // Oct 18 .. Oct 25, steps from Oct 19
    CHECK(rollout_state(phase4, at("2025-10-18T06:00:00Z")).percentage == 0.0);
    CHECK(rollout_state(phase4, at("2025-10-19T00:00:00Z")).percentage == 5.0);
    CHECK(rollout_state(phase4, at("2025-10-21T12:00:00Z")).percentage == 25.0);
    CHECK(rollout_state(phase4, at("2025-10-21T12:00:00Z")).phase == Phase::in_progress);
    CHECK(rollout_state(phase4, at("2025-10-23T23:59:59Z")).percentage == 75.0);
    CHECK(rollout_state(phase4, at("2025-10-24T00:00:00Z")).percentage == 100.0);
    CHECK(rollout_state(phase4, at("2025-10-25T00:00:00Z")).phase == Phase::completed);
  }

  TEST_CASE("other strategies have no phase") {
    const FlagFile file = seeds();
    const RolloutState core = rollout_state(*file.find("orchestration_enabled"), 0);
    CHECK(core.phase == Phase::none);
    CHECK(core.percentage == 100.0);
    CHECK(rollout_state(*file.find("maintenance_mode"), 0).percentage == 0.0);
  }
}

TEST_SUITE("flags::evaluate") {
  TEST_CASE("eval answers per user: disabled flags off, partial rollouts by bucket") {
    const FlagFile file = seeds();
    const std::vector<FlagEvaluation> alice =
        evaluate_flags(file, EvalContext{at("2025-10-21T12:00:00Z"), "alice", std::nullopt});
    CHECK(find(alice, "orchestration_enabled").value == std::optional<std::string>("true"));
    CHECK(find(alice, "aatc_system_enabled").value == std::optional<std::string>("false"));
    CHECK(find(alice, "aatc_system_enabled").reason == "disabled");
    // alice's bucket for phase_4_deployment is 398909 (39.8909%): out at 25%, in at 100%.
    CHECK(find(alice, "phase_4_deployment").value == std::optional<std::string>("false"));
    CHECK(find(alice, "phase_4_deployment").reason == "bucket 39.8909 vs 25%");
    const std::vector<FlagEvaluation> later =
        evaluate_flags(file, EvalContext{at("2025-10-24T00:00:00Z"), "alice", std::nullopt});
    CHECK(find(later, "phase_4_deployment").value == std::optional<std::string>("true"));
  }

  TEST_CASE("a user just past an odd percentage stays out") {
    FlagFile file;
    Flag flag;
    flag.key = "exact";
    flag.enabled = true;
    flag.strategy = Strategy::percentage;
    flag.rollout_percentage = 33.333;
    file.flags.push_back(flag);
    // user-27274's bucket for "exact" is 333330, the first one past 33.333%;
    // user-154279's is 333322, inside.
    const auto answer = [&file](const std::string& user) {
      return evaluate_flags(file, EvalContext{0, user, {}}).front();
    };
    CHECK(answer("user-27274").value == std::optional<std::string>("false"));
    CHECK(answer("user-27274").reason == "bucket 33.3330 vs 33.333%");
    CHECK(answer("user-154279").value == std::optional<std::string>("true"));
  }

  TEST_CASE("without a user a partial rollout has no single answer") {
    const std::vector<FlagEvaluation> results =
        evaluate_flags(seeds(), EvalContext{at("2025-10-21T12:00:00Z"), {}, {}});
    CHECK_FALSE(find(results, "phase_4_deployment").value.has_value());
    CHECK(find(results, "phase_4_deployment").reason == "depends on the user (pass --user)");
  }

  TEST_CASE("flagd: fractional targeting gives flagd's own answers") {
    // Flags and answers from open-feature/flagd-testbed: evaluator/flags/
    // testkit-flags.json and evaluator/gherkin/fractional.feature (@fractional-v2,
    // the integer bucketing of flagd's current core/pkg/evaluator/fractional.go).
    const FlagFile file = flagd("rollout.json");
    const auto variant_for = [&file](const std::string& flag, const std::string& user) {
      return find(evaluate_flags(file, EvalContext{0, user, {}}), flag).variant.value_or("?");
    };
    CHECK(variant_for("fractional-flag-shorthand", "jon@company.com") == "heads");
    CHECK(variant_for("fractional-flag-shorthand", "jane@company.com") == "tails");
    for (const char* key : {"ejOoVL", "bY9fO-", "SI7p-"}) {
      CHECK(variant_for("fractional-hash-edge-flag", key) == "lower");
    }
    for (const char* key : {"6LvT0", "ceQdGm"}) {
      CHECK(variant_for("fractional-hash-edge-flag", key) == "upper");
    }
    const FlagEvaluation disabled =
        find(evaluate_flags(file, EvalContext{0, "x", {}}), "legacy-ui");
    CHECK_FALSE(disabled.value.has_value());
    CHECK(disabled.reason == "disabled: the caller's default applies");
  }

  TEST_CASE("flagd: a one-bucket fractional yields the default variant, as in flagd") {
    const std::vector<FlagEvaluation> results =
        evaluate_flags(flagd("one_bucket.json"), EvalContext{0, "alice", {}});
    const FlagEvaluation& one = find(results, "one-bucket");
    CHECK(one.variant == std::optional<std::string>("off"));
    CHECK(one.reason ==
          "fractional has fewer than 2 entries, which flagd ignores; default variant");
    CHECK(find(results, "whole-decimal").reason == "targeting match");
  }

  TEST_CASE("flagd: without a targetingKey the default variant answers") {
    const FlagEvaluation result = find(
        evaluate_flags(flagd("rollout.json"), EvalContext{0, {}, {}}), "fractional-flag-shorthand");
    CHECK(result.variant == std::optional<std::string>("draw"));
    CHECK(result.value == std::optional<std::string>("\"draw\""));
    CHECK(result.reason == "no bucketing value and no targetingKey (--user) to bucket by; default "
                           "variant");
  }
}
