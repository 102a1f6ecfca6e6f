#include <sys/stat.h>
#include <unistd.h>

#include <gatekit/manifest/artifact_name.hpp>
#include <gatekit/manifest/digest.hpp>
#include <gatekit/manifest/manifest.hpp>
#include <gatekit/manifest/render.hpp>
#include <gatekit/manifest/semver.hpp>
#include <gatekit/manifest/verify.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>

using namespace gatekit;
using namespace gatekit::manifest;

namespace {

github::EnvLookup env_of(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    const auto found = values.find(name);
    return found == values.end() ? std::nullopt : std::optional<std::string>(found->second);
  };
}

const GitRunner k_no_git = [](const std::vector<std::string>&) -> Result<std::string> {
  return Error{"not a git repository", {}};
};

ManifestInput sample() {
  ManifestInput input;
  input.version = VersionInfo{"1.2.3", "tag", parse_semver("1.2.3")};
  input.provenance.repository = "o/r";
  input.provenance.commit = "0123456789abcdef";
  input.provenance.ref = "refs/tags/v1.2.3";
  input.provenance.workflow_ref = "o/r/.github/workflows/deploy.yml@refs/tags/v1.2.3";
  input.provenance.server_url = "https://github.com";
  input.created_at = "2025-01-01T00:00:00Z";
  input.environment = "staging";
  input.artifacts = {{"dist/a.tgz", 3, std::string(64, 'a')},
                     {"dist/b.tgz", 4, std::string(64, 'b')}};
  return input;
}

} // namespace

TEST_SUITE("manifest::semver") {
  TEST_CASE("invalid versions are refused as semver.org's grammar says") {
    for (const char* text : {"", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.3-", "1.2.3-01",
                             "1.2.3-a..b", "1.2.3+", "1.2.3-rc!", "v", "vv1.2.3", "release-7"}) {
      CAPTURE(text);
      CHECK_FALSE(parse_semver(text).has_value());
    }
  }

  TEST_CASE("tags parse with pre-release and build metadata") {
    const SemVer version = *parse_semver("v1.4.0-rc.2+build.007");
    CHECK(version.major == 1);
    CHECK(version.minor == 4);
    CHECK(version.prerelease == std::vector<std::string>{"rc", "2"});
    CHECK(version.build == "build.007");
    CHECK(version.to_string() == "1.4.0-rc.2+build.007");
  }

  TEST_CASE("precedence follows semver.org's example order") {
    const char* ordered[] = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                             "1.0.0-beta",  "1.0.0-beta.2",  "1.0.0-beta.11",
                             "1.0.0-rc.1",  "1.0.0",         "1.0.1",
                             "1.10.0",      "2.0.0"};
    for (size_t i = 0; i + 1 < std::size(ordered); ++i) {
      CAPTURE(ordered[i]);
      CHECK(compare(*parse_semver(ordered[i]), *parse_semver(ordered[i + 1])) < 0);
      CHECK(compare(*parse_semver(ordered[i + 1]), *parse_semver(ordered[i])) > 0);
    }
    CHECK(compare(*parse_semver("1.0.0+a"), *parse_semver("1.0.0+b")) == 0);
  }

  TEST_CASE("numeric pre-release identifiers too big for 64 bits still order by value") {
    const SemVer huge = *parse_semver("1.0.0-99999999999999999999999");
    CHECK(compare(huge, *parse_semver("1.0.0-2")) > 0);
    CHECK(compare(*parse_semver("1.0.0-99999999999999999999998"), huge) < 0);
    CHECK(compare(huge, *parse_semver("1.0.0-alpha")) < 0); // numbers sort before words
  }
}

TEST_SUITE("manifest::version") {
  TEST_CASE("a tag that is not SemVer is an error naming it") {
    Provenance tag;
    tag.ref_type = "tag";
    const Result<VersionInfo> version = resolve_version(
        env_of({{"GITHUB_REF_TYPE", "tag"}, {"GITHUB_REF_NAME", "release-7"}}), "", tag, k_no_git);
    REQUIRE_FALSE(version.ok());
    CHECK(version.error().message.find("tag 'release-7' is not a SemVer 2.0 version") == 0);
  }

  TEST_CASE("a tag gives its SemVer, a branch dev- and 7 characters of the commit") {
    Provenance tag;
    tag.ref_type = "tag";
    CHECK(resolve_version(env_of({{"GITHUB_REF_TYPE", "tag"}, {"GITHUB_REF_NAME", "v2.0.0-rc.1"}}),
                          "", tag, k_no_git)
              .value()
              .version == "2.0.0-rc.1");
    Provenance branch;
    branch.ref_type = "branch";
    branch.commit = "abcdef0123456789";
    const VersionInfo dev =
        resolve_version(env_of({{"GITHUB_REF_TYPE", "branch"}, {"GITHUB_SHA", branch.commit}}), "",
                        branch, k_no_git)
            .value();
    CHECK(dev.version == "dev-abcdef0");
    CHECK(dev.source == "branch");
    CHECK_FALSE(dev.semver.has_value());
  }

  TEST_CASE("a pull request takes its head commit from the event payload, and records both") {
    const Provenance p =
        read_provenance(
            env_of({{"GITHUB_EVENT_NAME", "pull_request"}, {"GITHUB_SHA", "mergecommit"}}),
            R"({"pull_request": {"number": 42, "head": {"sha": "feedface00"}}})")
            .value();
    CHECK(p.commit == "mergecommit");
    CHECK(p.head_commit == "feedface00");
    CHECK(p.pull_request == "42");
    const VersionInfo version =
        resolve_version(env_of({{"GITHUB_SHA", "mergecommit"}}), "", p, k_no_git).value();
    CHECK(version.version == "dev-feedfac");
    CHECK(version.source == "pull_request");
  }

  TEST_CASE("a pull request head that is not a commit id is an error with its JSON path") {
    const Result<Provenance> p = read_provenance(
        env_of({{"GITHUB_EVENT_NAME", "pull_request"}, {"GITHUB_EVENT_PATH", "event.json"}}),
        R"({"pull_request": {"head": {"sha": "abc"}}})");
    REQUIRE_FALSE(p.ok());
    CHECK(
        p.error().to_string() ==
        "event.json: /pull_request/head/sha: expected a commit id (7 to 64 lower-case hex digits)");
  }

  TEST_CASE("a local run asks git for the tag on HEAD") {
    const GitRunner git = [](const std::vector<std::string>& args) -> Result<std::string> {
      return args[0] == "rev-parse" ? std::string("0123456789abcdef\n") : std::string("v3.1.4\n");
    };
    const VersionInfo version = resolve_version(env_of({}), "", Provenance{}, git).value();
    CHECK(version.version == "3.1.4");
    CHECK(version.source == "git-tag");
  }

  TEST_CASE("the override wins; without GITHUB_* and without git there is no version") {
    CHECK(resolve_version(env_of({}), "9.9.9", Provenance{}, k_no_git).value().source ==
          "override");
    CHECK_FALSE(resolve_version(env_of({}), "", Provenance{}, k_no_git).ok());
  }

  TEST_CASE("SOURCE_DATE_EPOCH fixes the creation time; a bad one is an error") {
    CHECK(creation_time(env_of({{"SOURCE_DATE_EPOCH", "1700000000"}}), 5).value() ==
          "2023-11-14T22:13:20Z");
    CHECK(creation_time(env_of({}), 0).value() == "1970-01-01T00:00:00Z");
    CHECK_FALSE(creation_time(env_of({{"SOURCE_DATE_EPOCH", "soon"}}), 0).ok());
    CHECK(creation_time(env_of({{"SOURCE_DATE_EPOCH", "253402300799"}}), 0).value() ==
          "9999-12-31T23:59:59Z");
    for (const char* out_of_range : {"253402300800", "99999999999999999", "-1"}) {
      CAPTURE(out_of_range);
      CHECK_FALSE(creation_time(env_of({{"SOURCE_DATE_EPOCH", out_of_range}}), 0).ok());
    }
  }
}

TEST_SUITE("manifest::evidence") {
  TEST_CASE("a report without a gate verdict is an error with its JSON path") {
    const Result<Evidence> missing =
        parse_evidence(R"({"tool": "junit-gate", "gate": {}})", "tests", "j.json");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().to_string() ==
          "j.json: /gate/passed: expected a boolean gate verdict (is this a gatekit "
          "--report-json file?)");
    CHECK_FALSE(parse_evidence("[1,", "tests", "j.json").ok());
  }

  TEST_CASE("a report given for another gate is refused, naming both tools") {
    const Result<Evidence> wrong =
        parse_evidence(R"({"tool": "coverage-gate", "gate": {"passed": true}})", "tests", "c.json");
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().to_string() == "c.json: /tool: written by coverage-gate, but given as "
                                       "tests evidence, which comes from junit-gate");
  }

  TEST_CASE("a report's verdict, reasons and totals are embedded") {
    const Evidence evidence =
        parse_evidence(
            R"({"tool": "junit-gate", "totals": {"tests": 3}, "pass_rate": 66.66,
            "gate": {"passed": false, "reasons": ["pass rate: 66.66% < 95%"]}})",
            "tests", "j.json")
            .value();
    CHECK(evidence.tool == "junit-gate");
    CHECK_FALSE(evidence.passed);
    CHECK(evidence.reasons.size() == 1);
    CHECK(evidence.totals_json == R"({"pass_rate":66.66,"tests":3})");
  }
}

TEST_SUITE("manifest::render") {
  TEST_CASE("gates_passed is false when any embedded gate failed") {
    ManifestInput input = sample();
    CHECK(input.gates_passed());
    Evidence tests;
    tests.kind = "tests";
    tests.passed = true;
    Evidence coverage;
    coverage.kind = "coverage";
    coverage.passed = false;
    input.evidence = {tests, coverage};
    CHECK_FALSE(input.gates_passed());
    CHECK(nlohmann::json::parse(render_manifest(input))["gates_passed"] == false);
  }

  TEST_CASE("the same input renders the same bytes") {
    CHECK(render_manifest(sample()) == render_manifest(sample()));
    CHECK(render_in_toto(sample()) == render_in_toto(sample()));
  }

  TEST_CASE("checksums are in sha256sum's format") {
    CHECK(render_checksums(sample()) ==
          std::string(64, 'a') + "  dist/a.tgz\n" + std::string(64, 'b') + "  dist/b.tgz\n");
  }

  TEST_CASE("the in-toto statement has the artifacts as subjects and a SLSA v1 predicate") {
    const nlohmann::json statement = nlohmann::json::parse(render_in_toto(sample()));
    CHECK(statement["_type"] == "https://in-toto.io/Statement/v1");
    CHECK(statement["predicateType"] == "https://slsa.dev/provenance/v1");
    CHECK(statement["subject"][0]["name"] == "dist/a.tgz");
    CHECK(statement["subject"][0]["digest"]["sha256"] == std::string(64, 'a'));
    const nlohmann::json& build = statement["predicate"]["buildDefinition"];
    CHECK(build["buildType"] == "https://actions.github.io/buildtypes/workflow/v1");
    CHECK(build["externalParameters"]["workflow"]["path"] == ".github/workflows/deploy.yml");
    CHECK(build["resolvedDependencies"][0]["digest"]["gitCommit"] == "0123456789abcdef");
    CHECK(statement["predicate"]["runDetails"]["builder"]["id"] ==
          "https://github.com/o/r/.github/workflows/deploy.yml@refs/tags/v1.2.3");
  }
}

TEST_SUITE("manifest::verify") {
  TEST_CASE("a manifest with a malformed artifact is unreadable, with the JSON path") {
    nlohmann::json manifest = nlohmann::json::parse(render_manifest(sample()));
    manifest["artifacts"][1]["sha256"] = "XYZ";
    const Result<RecordedManifest> parsed = parse_manifest(manifest.dump(), "m.json");
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().to_string() ==
          "m.json: /artifacts/1/sha256: expected 64 lower-case hex digits");
    CHECK(parse_manifest(R"({"schema": "other"})", "m.json").error().where.json_path == "/schema");
  }

  TEST_CASE("artifact names that could lead out of the artifact directory are refused") {
    for (const char* name : {"../etc/passwd", "/etc/passwd", "dist/../../x", "a\nb", "a\\b", ""}) {
      CAPTURE(name);
      nlohmann::json manifest = nlohmann::json::parse(render_manifest(sample()));
      manifest["artifacts"][0]["name"] = name;
      const Result<RecordedManifest> parsed = parse_manifest(manifest.dump(), "m.json");
      REQUIRE_FALSE(parsed.ok());
      CHECK(parsed.error().where.json_path == "/artifacts/0/name");
    }
  }

  TEST_CASE("gates_passed that contradicts the evidence is refused") {
    ManifestInput input = sample();
    Evidence failed;
    failed.kind = "health";
    failed.passed = false;
    input.evidence = {failed};
    nlohmann::json manifest = nlohmann::json::parse(render_manifest(input));
    CHECK(parse_manifest(manifest.dump(), "m.json").ok());
    manifest["gates_passed"] = true;
    const Result<RecordedManifest> edited = parse_manifest(manifest.dump(), "m.json");
    REQUIRE_FALSE(edited.ok());
    CHECK(edited.error().where.json_path == "/gates_passed");
  }

  TEST_CASE("every mismatch is listed: a missing file, a size, a digest") {
    const RecordedManifest recorded = parse_manifest(render_manifest(sample()), "m.json").value();
    const VerifyResult ok = verify_manifest(
        recorded, {FileDigest{3, std::string(64, 'a')}, FileDigest{4, std::string(64, 'b')}}, {});
    CHECK(ok.verified);
    const VerifyResult bad =
        verify_manifest(recorded, {FileDigest{3, std::string(64, 'f')}, std::nullopt}, {});
    CHECK_FALSE(bad.verified);
    REQUIRE(bad.problems.size() == 2);
    CHECK(bad.problems[0].find("dist/a.tgz: SHA-256 ffff") == 0);
    CHECK(bad.problems[1] == "dist/b.tgz: missing");
  }

  TEST_CASE("requirements: gates with evidence, the environment, a minimum version") {
    const RecordedManifest recorded = parse_manifest(render_manifest(sample()), "m.json").value();
    const FoundArtifacts found = {FileDigest{3, std::string(64, 'a')},
                                  FileDigest{4, std::string(64, 'b')}};
    VerifyRequirements requirements;
    requirements.require_gates = true;
    requirements.environment = "production";
    requirements.min_version = parse_semver("1.3.0");
    const VerifyResult result = verify_manifest(recorded, found, requirements);
    REQUIRE(result.problems.size() == 3);
    CHECK(result.problems[0] == "no gate evidence is embedded, but gates are required");
    CHECK(result.problems[1] == "environment is 'staging', required 'production'");
    CHECK(result.problems[2] == "version 1.2.3 is below the required 1.3.0");
  }
}

TEST_SUITE("manifest::digest") {
  TEST_CASE("SHA-256 of known inputs, and a missing file named") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_file("/nonexistent/x").error().to_string() == "/nonexistent/x: no such file");
    // A FIFO would block a plain read forever.
    const std::string fifo =
        std::filesystem::temp_directory_path() / ("gatekit-fifo-" + std::to_string(::getpid()));
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const Result<FileDigest> from_fifo = sha256_file(fifo);
    ::unlink(fifo.c_str());
    REQUIRE_FALSE(from_fifo.ok());
    CHECK(from_fifo.error().to_string() == fifo + ": is not a regular file");
    CHECK(sha256_file("/tmp").error().to_string() == "/tmp: is a directory, not a file");
  }
}

TEST_SUITE("manifest::artifact_name") {
  TEST_CASE("names are relative to the working directory and normalised") {
    CHECK(artifact_name("./dist//a.tgz", "/w").value() == "dist/a.tgz");
    CHECK(artifact_name("/w/dist/a.tgz", "/w").value() == "dist/a.tgz");
    CHECK(artifact_name("/w/dist/a.tgz", "/w/").value() == "dist/a.tgz");
  }

  TEST_CASE("paths outside the working directory and unsafe characters are refused") {
    for (const char* path : {"../a.tgz", "/elsewhere/a.tgz", "dist/../../a.tgz", "/w",
                             "d/x\n0000  evil.bin", "d/a\rb", "d\\a"}) {
      CAPTURE(path);
      CHECK_FALSE(artifact_name(path, "/w").ok());
    }
    CHECK(is_safe_artifact_name("dist/a.tgz"));
    CHECK_FALSE(is_safe_artifact_name("../a.tgz"));
  }
}
