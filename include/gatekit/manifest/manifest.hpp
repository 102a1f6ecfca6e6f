#pragma once

#include <gatekit/common/error.hpp>
#include <gatekit/github/context.hpp>
#include <gatekit/manifest/semver.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gatekit::manifest {

// The version a deployment carries and where it came from.
struct VersionInfo {
  std::string version; // "1.2.3", "dev-abc1234", or the --version override
  std::string source;  // "tag", "branch", "pull_request", "override", "git"
  std::optional<SemVer> semver;
};

// Who and what built this deployment: the GitHub Actions run. Empty strings
// are unknown (a local run).
struct Provenance {
  std::string repository;
  std::string commit; // GITHUB_SHA: the merge commit on pull_request events
  std::string ref;
  std::string ref_type;
  std::string pull_request; // number, pull_request events only
  std::string head_commit;  // the PR's head commit, from the event payload
  std::string workflow;
  std::string workflow_ref; // owner/repo/.github/workflows/x.yml@ref
  std::string run_id;
  std::string run_attempt;
  std::string run_url;
  std::string actor;
  std::string runner_os;
  std::string runner_environment; // github-hosted or self-hosted
  std::string event;
  std::string server_url;
};

// A gate verdict embedded from another gatekit tool's --report-json.
struct Evidence {
  std::string kind;          // "tests", "coverage", "health", "flags"
  std::string tool;          // the report's "tool"
  std::string report;        // the report's path
  std::string report_sha256; // so the evidence itself is tamper-evident
  bool passed = false;
  std::vector<std::string> reasons;
  std::string totals_json; // the report's "totals" object, canonical JSON; "" if none
};

// A file the deployment ships, by name (the path as given), size and digest.
struct Artifact {
  std::string name;
  std::uint64_t size = 0;
  std::string sha256;
};

// Everything a manifest records.
struct ManifestInput {
  VersionInfo version;
  Provenance provenance;
  std::string environment; // --environment
  std::string strategy;    // --strategy
  std::string created_at;  // RFC 3339 UTC, from SOURCE_DATE_EPOCH when set
  std::vector<Evidence> evidence;
  std::vector<Artifact> artifacts; // sorted by name
  std::optional<Artifact> flags_file;

  // False if any embedded gate failed.
  bool gates_passed() const;
};

// Runs git with these arguments and returns its output; injected for tests.
using GitRunner = std::function<Result<std::string>(const std::vector<std::string>&)>;

// The version: the override if given; a tag (GITHUB_REF_TYPE=tag) must be
// SemVer 2.0 ("v1.2.3-rc.1+build.5" gives "1.2.3-rc.1+build.5"); any branch
// gives "dev-" and the first 7 characters of the commit (the PR's head commit
// on pull_request events). Without GITHUB_* variables, git is asked (a local
// run; inside the action's container git refuses the mounted workspace).
Result<VersionInfo> resolve_version(const github::EnvLookup& env,
                                    const std::string& override_version,
                                    const Provenance& provenance, const GitRunner& git);

// The run's provenance from GITHUB_* variables and the event payload
// ($GITHUB_EVENT_PATH's JSON, "" when absent).
Result<Provenance> read_provenance(const github::EnvLookup& env, std::string_view event_json);

// The creation time: SOURCE_DATE_EPOCH when set (reproducible builds), else `now`.
Result<std::string> creation_time(const github::EnvLookup& env, std::int64_t now);

// Reads another tool's --report-json: its tool name, gate verdict, reasons and
// totals. Errors carry the JSON path of what is missing.
Result<Evidence> parse_evidence(std::string_view json_text, const std::string& kind,
                                const std::string& path);

} // namespace gatekit::manifest
