// Policies per environment, drift against workflow and process switches, and diff.

#include <gatekit/common/file_io.hpp>
#include <gatekit/flags/diff.hpp>
#include <gatekit/flags/drift.hpp>
#include <gatekit/flags/parse.hpp>
#include <gatekit/flags/policy.hpp>
#include <gatekit/flags/rfc3339.hpp>

#include <doctest/doctest.h>

using namespace gatekit;
using namespace gatekit::flags;

namespace {

const std::string k_examples = std::string(GATEKIT_EXAMPLES_DIR) + "/flags/";
const std::string k_data = std::string(GATEKIT_TEST_DATA_DIR) + "/flags/";

std::string text_of(const std::string& path) {
  Result<std::string> text = read_file(path);
  REQUIRE(text.ok());
  return text.value();
}

FlagFile load(const std::string& path) {
  Result<FlagFile> file = parse_flag_file(text_of(path), path);
  REQUIRE(file.ok());
  return std::move(file).value();
}

EnvironmentPolicy production() {
  const std::string path = k_examples + "policy.yml";
  Result<EnvironmentPolicy> policy = parse_policy(text_of(path), path, "production");
  REQUIRE(policy.ok());
  return std::move(policy).value();
}

const Instant k_noon = *parse_rfc3339("2025-10-21T12:00:00Z");

} // namespace

TEST_SUITE("flags::policy") {
  TEST_CASE("a malformed policy, or an environment it lacks, is refused with its location") {
    const std::string bad = k_data + "policy/bad_policy.yml";
    Result<EnvironmentPolicy> wrong = parse_policy(text_of(bad), "bad_policy.yml", "production");
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().to_string() ==
          "bad_policy.yml:3:18: /environments/production/must_be_off: expected an array of flag "
          "names, got the string \"aatc_system_enabled\"");
    Result<EnvironmentPolicy> missing =
        parse_policy(text_of(k_examples + "policy.yml"), "p.yml", "prod");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().to_string() ==
          "p.yml:4:3: /environments: no environment \"prod\" in the policy (it has production, "
          "staging)");
    Result<EnvironmentPolicy> ambiguous =
        parse_policy(text_of(k_examples + "policy.yml"), "p.yml", "");
    REQUIRE_FALSE(ambiguous.ok());
    CHECK(ambiguous.error().message.find("choose one with --environment") != std::string::npos);
  }

  TEST_CASE("the production policy passes the design documents' flag file") {
    CHECK(check_policy(load(k_examples + "feature_flags.json"), production(), k_noon).empty());
    CHECK(check_policy(load(k_examples + "feature_flags.yaml"), production(), k_noon).empty());
  }

  TEST_CASE("the production policy catches aatc_system_enabled turned on") {
    const std::vector<Finding> findings =
        check_policy(load(k_data + "own/aatc_on.json"), production(), k_noon);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].severity == Severity::error);
    CHECK(findings[0].message ==
          "policy production: flag aatc_system_enabled must be off in production but is on");
    CHECK(findings[0].where.line == 10);
    CHECK(findings[0].where.column == 71);
    CHECK(findings[0].where.json_path == "/flags/aatc_system_enabled/enabled");
  }

  TEST_CASE("required, must_be_on, allowed_strategies and max_percentage are enforced") {
    const std::string policy_text = R"({"environments": {"tight": {
        "required": ["kill_switch"], "must_be_on": ["maintenance_mode"],
        "allowed_strategies": ["all_at_once"], "max_percentage": 20}}})";
    Result<EnvironmentPolicy> policy = parse_policy(policy_text, "tight.json", "tight");
    REQUIRE(policy.ok());
    std::vector<std::string> messages;
    for (const Finding& finding :
         check_policy(load(k_examples + "feature_flags.json"), policy.value(), k_noon)) {
      messages.push_back(finding.message);
    }
    CHECK(messages.size() == 14);
    CHECK(messages[0] ==
          "policy tight: flag kill_switch is required but the file does not define it");
    CHECK(messages[1] == "policy tight: flag maintenance_mode must be on but is off");
    CHECK(messages[2] == "policy tight: flag orchestration_enabled reaches 100% of users, above "
                         "the maximum of 20%");
    CHECK(std::find(messages.begin(), messages.end(),
                    "policy tight: flag phase_4_deployment uses rollout_strategy progressive, not "
                    "allowed (all_at_once)") != messages.end());
    CHECK(std::find(messages.begin(), messages.end(),
                    "policy tight: flag phase_4_deployment reaches 25% of users, above the "
                    "maximum of 20%") != messages.end());
  }
}

TEST_SUITE("flags::drift") {
  TEST_CASE(
      "the production workflow agrees with the flag file; monitoring switches match no flag") {
    Result<std::vector<Switch>> switches =
        workflow_switches(text_of(k_examples + "production-deploy.yml"), "production-deploy.yml");
    REQUIRE(switches.ok());
    CHECK(switches.value().size() == 11);
    std::vector<std::string> unmatched;
    CHECK(
        check_drift(load(k_examples + "feature_flags.json"), switches.value(), unmatched).empty());
    CHECK(unmatched == std::vector<std::string>{"PROMETHEUS_ENABLED", "GRAFANA_ENABLED",
                                                "ALERTMANAGER_ENABLED"});
  }

  TEST_CASE("every disagreement is reported at the workflow line that sets it") {
    Result<std::vector<Switch>> switches =
        workflow_switches(text_of(k_data + "policy/drifted.yml"), "drifted.yml");
    REQUIRE(switches.ok());
    std::vector<std::string> unmatched;
    const FlagFile file = load(k_examples + "feature_flags.json");
    const std::vector<Finding> findings = check_drift(file, switches.value(), unmatched);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message.find("AATC_SYSTEM_ENABLED is 'true' but flag aatc_system_enabled "
                                   "is off in ") == 0);
    CHECK(findings[0].where.file == "drifted.yml");
    CHECK(findings[0].where.line == 4);
    CHECK(findings[0].where.column == 28);
    CHECK(findings[0].where.json_path == "/jobs/deploy/env/AATC_SYSTEM_ENABLED");
  }

  TEST_CASE("a flagd boolean flag is on only when ENABLED with a true default variant") {
    const FlagFile file = load(k_data + "flagd/boolean_states.json");
    CHECK_FALSE(is_on(*file.find("dark_launch")));
    CHECK(is_on(*file.find("kill_switch")));
    CHECK(is_on(*file.find("theme")));
    CHECK_FALSE(is_on(*file.find("legacy")));
    EnvironmentPolicy policy;
    policy.environment = "production";
    policy.must_be_off = {PolicyEntry{"dark_launch", {}}, PolicyEntry{"kill_switch", {}}};
    const std::vector<Finding> findings = check_policy(file, policy, k_noon);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].flag == "kill_switch");
    const std::vector<Switch> switches = environment_switches(
        {{"FLAG_DARK_LAUNCH", "true"}, {"FLAG_KILL_SWITCH", "true"}, {"FLAG_LEGACY", "false"}},
        "FLAG_");
    std::vector<std::string> unmatched;
    const std::vector<Finding> drift = check_drift(file, switches, unmatched);
    REQUIRE(drift.size() == 1);
    CHECK(drift[0].message.find("FLAG_DARK_LAUNCH is 'true' but flag dark_launch is off") == 0);
  }

  TEST_CASE("process variables with the prefix are switches too") {
    const std::vector<Switch> switches = environment_switches(
        {{"FLAG_OTEL_ENABLED", "False"}, {"FLAG_X", "maybe"}, {"OTEL_ENABLED", "false"}}, "FLAG_");
    REQUIRE(switches.size() == 1);
    CHECK(switches[0].flag == "otel_enabled");
    CHECK_FALSE(switches[0].value);
    std::vector<std::string> unmatched;
    const std::vector<Finding> findings =
        check_drift(load(k_examples + "feature_flags.json"), switches, unmatched);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].where.file == "environment");
  }
}

TEST_SUITE("flags::diff") {
  TEST_CASE("the JSON and YAML twins do not differ") {
    CHECK(
        diff_flags(load(k_examples + "feature_flags.json"), load(k_examples + "feature_flags.yaml"))
            .empty());
  }

  TEST_CASE("added, removed and changed flags are listed with the changed fields") {
    const std::vector<FlagChange> changes =
        diff_flags(load(k_examples + "feature_flags.json"), load(k_data + "own/aatc_on.json"));
    const auto find = [&changes](const std::string& key) -> const FlagChange* {
      for (const FlagChange& change : changes) {
        if (change.key == key) {
          return &change;
        }
      }
      return nullptr;
    };
    REQUIRE(find("reward_learning_enabled") != nullptr);
    CHECK(find("reward_learning_enabled")->kind == FlagChange::Kind::removed);
    REQUIRE(find("aatc_system_enabled") != nullptr);
    const std::vector<std::string>& details = find("aatc_system_enabled")->details;
    REQUIRE(details.size() >= 2);
    CHECK(details[0] == "enabled: false -> true");
    CHECK(details[1] == "rollout_strategy: progressive -> all_at_once");
    CHECK(find("orchestration_enabled") != nullptr); // rollout_percentage 100 -> (none)
    const std::vector<FlagChange> back =
        diff_flags(load(k_data + "own/aatc_on.json"), load(k_examples + "feature_flags.json"));
    bool added = false;
    for (const FlagChange& change : back) {
      added = added ||
              (change.key == "reward_learning_enabled" && change.kind == FlagChange::Kind::added);
    }
    CHECK(added);
  }
}
