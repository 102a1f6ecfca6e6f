// Every finding the issue lists, from its fixture under tests/data/flags/,
// with its message and its location (line, column, JSON Pointer).

#include <gatekit/common/file_io.hpp>
#include <gatekit/flags/check.hpp>
#include <gatekit/flags/parse.hpp>
#include <gatekit/flags/rfc3339.hpp>

#include <doctest/doctest.h>

#include <filesystem>

using namespace gatekit;
using namespace gatekit::flags;

namespace {

const std::filesystem::path k_data = std::filesystem::path(GATEKIT_TEST_DATA_DIR) / "flags";
const Instant k_oct21_noon = *parse_rfc3339("2025-10-21T12:00:00Z");

FlagFile load(const std::string& name) {
  const std::string path = (k_data / name).string();
  Result<std::string> text = read_file(path);
  REQUIRE(text.ok());
  Result<FlagFile> file = parse_flag_file(text.value(), name);
  REQUIRE_MESSAGE(file.ok(), (file.ok() ? "" : file.error().to_string()));
  return std::move(file).value();
}

// The findings of a fixture, clock-dependent ones included, as
// "severity code line:col path: message".
std::vector<std::string> findings_of(const std::string& name) {
  const FlagFile file = load(name);
  std::vector<Finding> findings = file.findings;
  for (Finding& finding : check_schedule(file, k_oct21_noon)) {
    findings.push_back(finding);
  }
  std::vector<std::string> lines;
  for (const Finding& finding : decide(findings, false).findings) {
    CHECK(finding.where.file == name);
    lines.push_back(std::string(finding.severity == Severity::error ? "error " : "warning ") +
                    finding.code + " " + std::to_string(finding.where.line) + ":" +
                    std::to_string(finding.where.column) + " " + finding.where.json_path + ": " +
                    finding.message);
  }
  return lines;
}

using Lines = std::vector<std::string>;

} // namespace

TEST_SUITE("flags::parse errors") {
  TEST_CASE("findings on one line are ordered by column") {
    const auto at = [](int line, int column) {
      return Finding{Severity::error, "x", "m", Location{"f.json", line, column, ""}, ""};
    };
    const Verdict verdict = decide({at(3, 40), at(3, 7), at(2, 9)}, false);
    REQUIRE(verdict.findings.size() == 3);
    CHECK(verdict.findings[0].where.line == 2);
    CHECK(verdict.findings[1].where.column == 7);
    CHECK(verdict.findings[2].where.column == 40);
  }

  TEST_CASE("text that is no JSON/YAML, or has no flags object, fails with its location") {
    for (const auto& [name, expected] :
         {std::pair{"bad/malformed.json", "bad/malformed.json:5:5: not valid JSON: syntax error "
                                          "while parsing object key - unexpected '}'; expected "
                                          "string literal"},
          std::pair{"bad/malformed.yaml",
                    "bad/malformed.yaml:4:8: not valid YAML: end of sequence flow not found"},
          std::pair{"bad/empty.json", "bad/empty.json: file is empty"},
          std::pair{"bad/no_flags.json", "bad/no_flags.json:1:1: expected an object with a "
                                         "\"flags\" object (the own format or flagd), got an "
                                         "object"}}) {
      Result<std::string> text = read_file((k_data / name).string());
      REQUIRE(text.ok());
      Result<FlagFile> file = parse_flag_file(text.value(), name);
      REQUIRE_FALSE(file.ok());
      CHECK(file.error().to_string() == expected);
    }
  }

  TEST_CASE("a duplicate key is an error at the second occurrence, in JSON and YAML") {
    CHECK(findings_of("own/duplicate_key.json") ==
          Lines{"error duplicate-key 6:7 /flags/emergency_shutdown/enabled: duplicate key (first "
                "written on line 4); parsers silently keep only the last one",
                "warning safety-flag-on 6:18 /flags/emergency_shutdown/enabled: safety flag "
                "emergency_shutdown is on: the system would run degraded"});
    CHECK(findings_of("own/duplicate_key.yaml") ==
          Lines{"error duplicate-key 6:3 /flags/maintenance_mode: duplicate key (first written on "
                "line 2); parsers silently keep only the last one",
                "warning safety-flag-on 7:14 /flags/maintenance_mode/enabled: safety flag "
                "maintenance_mode is on: the system would run degraded"});
  }

  TEST_CASE("a string where a boolean belongs is a wrong type") {
    CHECK(findings_of("own/wrong_type.json") ==
          Lines{"error wrong-type 5:18 /flags/orchestration_enabled/enabled: expected a boolean "
                "(true or false), got the string \"true\""});
  }

  TEST_CASE("a YAML 1.1 boolean word gets a hint, since PyYAML would read it differently") {
    CHECK(findings_of("own/yaml11_boolean.yaml") ==
          Lines{"error wrong-type 4:14 /flags/otel_enabled/enabled: expected a boolean (true or "
                "false), got the string \"yes\", which YAML 1.1 readers such as PyYAML would take "
                "as a boolean and YAML 1.2 and JSON as a string: write true or false"});
  }

  TEST_CASE("an unknown strategy is named with the known ones") {
    CHECK(findings_of("own/unknown_strategy.json") ==
          Lines{"error unknown-strategy 5:27 /flags/otel_enabled/rollout_strategy: unknown "
                "rollout_strategy \"gradual\": expected all_at_once, percentage, progressive or "
                "canary"});
  }

  TEST_CASE("a percentage outside 0..100 is an error") {
    CHECK(findings_of("own/percentage_out_of_range.json") ==
          Lines{"error percentage-out-of-range 6:29 "
                "/flags/reward_learning_enabled/rollout_percentage: percentage 150 is outside "
                "0..100"});
  }

  TEST_CASE("a date that is not RFC 3339 is an error") {
    CHECK(findings_of("own/bad_date.yaml") ==
          Lines{"error bad-date 6:19 /flags/aatc_system_enabled/progressive_config/start_date: "
                "\"2025-10-20\" is not an RFC 3339 date-time (e.g. 2025-10-20T00:00:00Z)"});
  }

  TEST_CASE("a start date not before the end date is an error") {
    CHECK(findings_of("own/date_order.json") ==
          Lines{"error date-order 7:23 /flags/phase_4_deployment/progressive_config/start_date: "
                "start_date 2025-10-25T00:00:00Z is not before end_date 2025-10-18T00:00:00Z"});
  }

  TEST_CASE("progressive without its config, and canary without users or regions, are errors") {
    CHECK(findings_of("own/progressive_without_config.json") ==
          Lines{"error progressive-without-config 3:27 /flags/phase_4_deployment: "
                "rollout_strategy is progressive but there is no progressive_config with "
                "start_date and end_date"});
    CHECK(findings_of("own/canary_without_targets.json") ==
          Lines{"error canary-without-targets 6:29 "
                "/flags/llm_integration_enabled/progressive_config: rollout_strategy is canary "
                "but progressive_config names no canary_users or canary_regions: nobody would "
                "get the flag"});
  }

  TEST_CASE("a name that disagrees with its key is an error") {
    CHECK(findings_of("own/name_mismatch.json") ==
          Lines{"error name-mismatch 4:15 /flags/otel_enabled/name: name \"otel\" differs from "
                "its key \"otel_enabled\"; code looking the flag up by one name will not find "
                "the other"});
  }

  TEST_CASE("milestones must lie in the window, in date order, never going down") {
    const std::string base = "/flags/phase_4_deployment/progressive_config/milestones/";
    CHECK(findings_of("own/milestones.json") ==
          Lines{"error milestone-outside-window 10:20 " + base +
                    "0/date: milestone 2025-10-17T00:00:00Z lies outside the rollout window "
                    "2025-10-18T00:00:00Z .. 2025-10-25T00:00:00Z",
                "error milestone-order 12:20 " + base +
                    "2/date: milestone 2025-10-20T00:00:00Z is not after the previous one "
                    "(2025-10-21T00:00:00Z): milestones must be in date order",
                "error milestone-decreasing 13:58 " + base +
                    "3/percentage: milestone percentage 40 is below the previous milestone's; a "
                    "rollout must not go backwards"});
  }

  TEST_CASE("milestones lie between initial and end percentage; one at end_date must match") {
    const std::string up = "/flags/ramp_up/progressive_config/milestones/";
    const std::string down = "/flags/ramp_down/progressive_config/milestones/";
    CHECK(findings_of("own/milestone_bounds.json") ==
          Lines{"error milestone-out-of-range 12:58 " + up +
                    "0/percentage: milestone percentage 5 lies outside initial_percentage .. "
                    "end_percentage (10 .. 80)",
                "error milestone-out-of-range 13:58 " + up +
                    "1/percentage: milestone percentage 90 lies outside initial_percentage .. "
                    "end_percentage (10 .. 80)",
                "error milestone-decreasing 14:58 " + up +
                    "2/percentage: milestone percentage 80 is below the previous milestone's; a "
                    "rollout must not go backwards",
                "warning milestone-at-end 29:58 " + down +
                    "2/percentage: milestone at end_date says 30% but at end_date the rollout "
                    "serves end_percentage 20%"});
  }

  TEST_CASE("sub-second dates keep their order; a space for T and a stray second 60 are errors") {
    const std::string base = "/flags/spaced/progressive_config/";
    CHECK(findings_of("own/subsecond_dates.json") ==
          Lines{"error bad-date 15:23 " + base +
                    "start_date: \"2025-10-18 00:00:00Z\" is not an RFC 3339 date-time (e.g. "
                    "2025-10-20T00:00:00Z): RFC 3339 (section 5.6) needs 'T' between the date and "
                    "the time, not a space: write 2025-10-18T00:00:00...",
                "error bad-date 16:21 " + base +
                    "end_date: \"2025-10-25T00:00:60Z\" is not an RFC 3339 date-time (e.g. "
                    "2025-10-20T00:00:00Z): second 60 exists only for a leap second, at 23:59:60 "
                    "UTC"});
  }

  TEST_CASE("flagd: a defaultVariant that is not a variant is an error") {
    CHECK(findings_of("flagd/unknown_default_variant.json") ==
          Lines{"error unknown-default-variant 6:25 /flags/new-checkout/defaultVariant: "
                "defaultVariant \"of\" is not among the variants"});
  }

  TEST_CASE("flagd: variants of mixed types are an error") {
    CHECK(findings_of("flagd/mixed_variant_types.json") ==
          Lines{"error mixed-variant-types 5:43 /flags/banner-text/variants/long: variant "
                "\"long\" is a number but variant \"short\" is a string: a flag's variants must "
                "all have one type"});
  }

  TEST_CASE("flagd: fractional weights must be positive whole numbers naming known variants") {
    const std::string base = "/flags/new-checkout/targeting/fractional/";
    CHECK(
        findings_of("flagd/fractional.yaml") ==
        Lines{"error fractional-weight 10:18 " + base + "0/1: fractional weight -5 is not positive",
              "error unknown-bucket-variant 11:12 " + base +
                  "1/0: fractional bucket names variant \"of\", which is not among the flag's "
                  "variants",
              "error fractional-weight 13:19 " + base +
                  "3/1: fractional weight must be a positive whole number, got the number 2.5",
              "warning fractional-zero-weight 12:19 " + base +
                  "2/1: fractional weight 0: this bucket receives nobody"});
  }

  TEST_CASE("flagd: a one-bucket fractional is an error; whole decimal weights are fine") {
    CHECK(findings_of("flagd/one_bucket.json") ==
          Lines{"error fractional-too-few 7:35 /flags/one-bucket/targeting/fractional: fractional "
                "needs at least 2 entries (two buckets, or a bucketing key and a bucket): flagd "
                "ignores this one (\"fractional evaluation data has length under 2\") and serves "
                "the default variant"});
  }

  TEST_CASE("flagd: a $ref to a missing evaluator is an error") {
    CHECK(findings_of("flagd/unknown_ref.json") ==
          Lines{"error unknown-evaluator 7:37 /flags/new-checkout/targeting/if/0/$ref: $ref names "
                "the string \"beta_testers\", which is not in $evaluators"});
  }
}

TEST_SUITE("flags::parse limits") {
  TEST_CASE("$ref chains that multiply are capped, not expanded without end") {
    std::string text = R"({"flags": {"f": {"state": "ENABLED", "variants": {"on": true},
      "targeting": {"$ref": "e0"}}}, "$evaluators": {)";
    for (int i = 0; i < 16; ++i) {
      const std::string next = R"({"$ref": "e)" + std::to_string(i + 1) + "\"}";
      text += "\"e" + std::to_string(i) + "\": {\"and\": [" + next + "," + next + "," + next + "," +
              next + "," + next + "," + next + "," + next + "," + next + "]},";
    }
    text += R"("e16": {"var": "x"}}})";
    Result<FlagFile> file = parse_flag_file(text, "bomb.json");
    REQUIRE(file.ok());
    REQUIRE(file.value().findings.size() == 1);
    CHECK(file.value().findings[0].message ==
          "expanding $ref would copy more than a million values; not expanded");
  }
}

TEST_SUITE("flags::parse warnings") {
  TEST_CASE("an unknown field is a warning (a typo would be silently ignored)") {
    CHECK(findings_of("own/unknown_field.json") ==
          Lines{"warning unknown-field 5:26 /flags/otel_enabled/rollout_stratgy: unknown field "
                "\"rollout_stratgy\" in a flag (a typo? it is ignored)"});
  }

  TEST_CASE("a progressive rollout on a disabled flag is a warning") {
    CHECK(findings_of("own/progressive_disabled.json") ==
          Lines{"warning progressive-disabled 4:18 /flags/aatc_system_enabled/enabled: "
                "progressive rollout on a flag whose enabled is false: it can never take effect"});
  }

  TEST_CASE("a rollout_percentage the dates contradict is a warning") {
    CHECK(findings_of("own/stale_percentage.json") ==
          Lines{"warning stale-percentage 6:29 /flags/phase_4_deployment/rollout_percentage: "
                "rollout_percentage is 90 but the rollout dates imply 50% at "
                "2025-10-21T12:00:00Z"});
  }

  TEST_CASE("a finished rollout still marked progressive is a warning") {
    const FlagFile file = load("own/stale_percentage.json");
    const std::vector<Finding> findings =
        check_schedule(file, *parse_rfc3339("2025-10-26T00:00:00Z"));
    REQUIRE(findings.size() == 1); // the stale rollout_percentage is not reported twice
    CHECK(findings[0].code == "rollout-finished");
    CHECK(findings[0].message == "the rollout finished on 2025-10-25T00:00:00Z at 100% but the "
                                 "flag is still marked progressive; make it all_at_once (or "
                                 "percentage)");
    CHECK(findings[0].where.line == 5);
    CHECK(findings[0].where.column == 27);
    CHECK(findings[0].where.json_path == "/flags/phase_4_deployment/rollout_strategy");
  }

  TEST_CASE("a safety flag turned on is a warning") {
    CHECK(findings_of("own/safety_on.yaml") ==
          Lines{"warning safety-flag-on 3:14 /flags/read_only_mode/enabled: safety flag "
                "read_only_mode is on: the system would run degraded"});
  }

  TEST_CASE("--strict makes warnings errors") {
    const Verdict verdict = decide(load("own/safety_on.yaml").findings, true);
    CHECK(verdict.errors == 1);
    CHECK(verdict.warnings == 0);
    CHECK_FALSE(verdict.passed());
    CHECK(verdict.findings[0].message.find("(an error under --strict)") != std::string::npos);
  }
}

TEST_SUITE("flags::parse formats") {
  TEST_CASE("the design documents' flag file: 15 flags, two progressive windows, no errors") {
    for (const char* name : {"feature_flags.json", "feature_flags.yaml"}) {
      const std::string path = std::string(GATEKIT_EXAMPLES_DIR) + "/flags/" + name;
      Result<std::string> text = read_file(path);
      REQUIRE(text.ok());
      Result<FlagFile> file = parse_flag_file(text.value(), name);
      REQUIRE(file.ok());
      CHECK(file.value().format == Format::own);
      CHECK(file.value().flags.size() == 15);
      std::size_t progressive = 0;
      for (const Flag& flag : file.value().flags) {
        progressive += flag.strategy == Strategy::progressive ? 1 : 0;
      }
      CHECK(progressive == 2);
      const Verdict verdict = decide(file.value().findings, false);
      CHECK(verdict.errors == 0);
      REQUIRE(verdict.warnings == 1);
      CHECK(verdict.findings[0].code == "progressive-disabled");
    }
  }

  TEST_CASE("flagd is told from the own format by its content") {
    const FlagFile file = load("flagd/rollout.json");
    CHECK(file.format == Format::flagd);
    REQUIRE(file.flags.size() == 3);
    CHECK(file.flags[0].enabled);
    CHECK_FALSE(file.flags[2].enabled);
    CHECK(file.flags[0].default_variant == std::optional<std::string>("draw"));
    CHECK(file.flags[0].variants[0].value_json == "\"heads\"");
    CHECK(file.findings.empty());
  }
}
