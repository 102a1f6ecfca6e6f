#include <gatekit/common/numbers.hpp>
#include <gatekit/common/text.hpp>
#include <gatekit/manifest/manifest.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>
#include <map>

namespace gatekit::manifest {

bool ManifestInput::gates_passed() const {
  for (const Evidence& item : evidence) {
    if (!item.passed) {
      return false;
    }
  }
  return true;
}

Result<Provenance> read_provenance(const github::EnvLookup& env, std::string_view event_json) {
  Provenance p;
  const auto get = [&env](const char* name) { return env(name).value_or(""); };
  p.repository = get("GITHUB_REPOSITORY");
  p.commit = get("GITHUB_SHA");
  p.ref = get("GITHUB_REF");
  p.ref_type = get("GITHUB_REF_TYPE");
  p.workflow = get("GITHUB_WORKFLOW");
  p.workflow_ref = get("GITHUB_WORKFLOW_REF");
  p.run_id = get("GITHUB_RUN_ID");
  p.run_attempt = get("GITHUB_RUN_ATTEMPT");
  p.actor = get("GITHUB_ACTOR");
  p.runner_os = get("RUNNER_OS");
  p.runner_environment = get("RUNNER_ENVIRONMENT");
  p.event = get("GITHUB_EVENT_NAME");
  p.server_url = get("GITHUB_SERVER_URL");
  if (!p.server_url.empty() && !p.repository.empty() && !p.run_id.empty()) {
    p.run_url = p.server_url + "/" + p.repository + "/actions/runs/" + p.run_id;
    if (!p.run_attempt.empty()) {
      p.run_url += "/attempts/" + p.run_attempt;
    }
  }
  if (!trim(event_json).empty() &&
      (p.event == "pull_request" || p.event == "pull_request_target")) {
    nlohmann::json event;
    try {
      event = nlohmann::json::parse(event_json);
    } catch (const nlohmann::json::parse_error& error) {
      return make_error(get("GITHUB_EVENT_PATH"), "event payload is not valid JSON (at byte " +
                                                      std::to_string(error.byte) + ")");
    }
    const nlohmann::json::json_pointer head("/pull_request/head/sha");
    const nlohmann::json::json_pointer number("/pull_request/number");
    if (event.contains(head) && event.at(head).is_string()) {
      p.head_commit = event.at(head).get<std::string>();
      // It names the version (dev-<7 chars>), so it must be a commit id.
      const bool is_commit_id = p.head_commit.size() >= 7 && p.head_commit.size() <= 64 &&
                                std::all_of(p.head_commit.begin(), p.head_commit.end(), [](char c) {
                                  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                                });
      if (!is_commit_id) {
        Error error = make_error(get("GITHUB_EVENT_PATH"),
                                 "expected a commit id (7 to 64 lower-case hex digits)");
        error.where.json_path = "/pull_request/head/sha";
        return error;
      }
    }
    if (event.contains(number) && event.at(number).is_number_unsigned()) {
      p.pull_request = std::to_string(event.at(number).get<std::uint64_t>());
    }
  }
  return p;
}

Result<VersionInfo> resolve_version(const github::EnvLookup& env,
                                    const std::string& override_version,
                                    const Provenance& provenance, const GitRunner& git) {
  VersionInfo info;
  if (!override_version.empty()) {
    info.version = override_version;
    info.source = "override";
    info.semver = parse_semver(override_version);
    return info;
  }
  std::string ref_type = provenance.ref_type;
  std::string ref_name = env("GITHUB_REF_NAME").value_or("");
  std::string commit = provenance.head_commit.empty() ? provenance.commit : provenance.head_commit;
  const bool local_run = !env("GITHUB_SHA") && !env("GITHUB_REF_TYPE");
  if (local_run && git) {
    // A local run: the tag on HEAD if any, else the commit.
    Result<std::string> sha = git({"rev-parse", "HEAD"});
    if (!sha) {
      return Error{"cannot tell the version: no GITHUB_* variables, and git says: " +
                       sha.error().message + " (give --version)",
                   {}};
    }
    commit = std::string(trim(sha.value()));
    Result<std::string> tag = git({"describe", "--tags", "--exact-match", "HEAD"});
    if (tag) {
      ref_type = "tag";
      ref_name = std::string(trim(tag.value()));
    }
    info.source = "git";
  }
  if (ref_type == "tag") {
    info.semver = parse_semver(ref_name);
    if (!info.semver) {
      return Error{"tag '" + ref_name +
                       "' is not a SemVer 2.0 version (vMAJOR.MINOR.PATCH, e.g. v1.2.3 or "
                       "v2.0.0-rc.1); give --version to override",
                   {}};
    }
    info.version = info.semver->to_string();
    info.source = info.source.empty() ? "tag" : "git-tag";
    return info;
  }
  if (commit.size() < 7) {
    return Error{"cannot tell the version: no tag and no commit (GITHUB_SHA); give --version", {}};
  }
  info.version = "dev-" + commit.substr(0, 7);
  if (info.source.empty()) {
    info.source = provenance.head_commit.empty() ? "branch" : "pull_request";
  }
  return info;
}

Result<std::string> creation_time(const github::EnvLookup& env, std::int64_t now) {
  std::int64_t seconds = now;
  if (const std::optional<std::string> epoch = env("SOURCE_DATE_EPOCH");
      epoch && !trim(*epoch).empty()) {
    const std::optional<std::int64_t> value = parse_integer(*epoch);
    // 253402300799 is 9999-12-31T23:59:59Z: RFC 3339 has four-digit years.
    if (!value || *value < 0 || *value > 253402300799) {
      return Error{"SOURCE_DATE_EPOCH='" + *epoch +
                       "' is not a number of seconds from 1970 to the year 9999",
                   {}};
    }
    seconds = *value;
  }
  const std::time_t time = static_cast<std::time_t>(seconds);
  std::tm utc{};
  if (gmtime_r(&time, &utc) == nullptr) {
    return Error{"the time " + std::to_string(seconds) + " cannot be shown as a UTC date", {}};
  }
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(buffer);
}

Result<Evidence> parse_evidence(std::string_view json_text, const std::string& kind,
                                const std::string& path) {
  nlohmann::json report;
  try {
    report = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error& error) {
    return make_error(path, "not valid JSON (at byte " + std::to_string(error.byte) + ")");
  }
  const auto missing = [&path](const std::string& pointer, const std::string& what) {
    Error error = make_error(path, "expected " + what + " (is this a gatekit --report-json file?)");
    error.where.json_path = pointer;
    return error;
  };
  if (!report.is_object() || !report.contains("tool") || !report["tool"].is_string()) {
    return missing("/tool", "the name of the tool that wrote the report");
  }
  const nlohmann::json::json_pointer passed("/gate/passed");
  if (!report.contains(passed) || !report.at(passed).is_boolean()) {
    return missing("/gate/passed", "a boolean gate verdict");
  }
  // A report given for the wrong gate (coverage as --junit-report) would be
  // recorded as evidence it is not.
  static const std::map<std::string, std::string> k_tool_of_kind = {{"tests", "junit-gate"},
                                                                    {"coverage", "coverage-gate"},
                                                                    {"health", "health-check"},
                                                                    {"flags", "flag-validate"}};
  const std::string tool = report["tool"].get<std::string>();
  if (const auto expected = k_tool_of_kind.find(kind);
      expected != k_tool_of_kind.end() && expected->second != tool) {
    Error error = make_error(path, "written by " + tool + ", but given as " + kind +
                                       " evidence, which comes from " + expected->second);
    error.where.json_path = "/tool";
    return error;
  }
  Evidence evidence;
  evidence.kind = kind;
  evidence.tool = report["tool"].get<std::string>();
  evidence.report = path;
  evidence.passed = report.at(passed).get<bool>();
  const nlohmann::json::json_pointer reasons("/gate/reasons");
  if (report.contains(reasons) && report.at(reasons).is_array()) {
    for (const nlohmann::json& reason : report.at(reasons)) {
      if (reason.is_string()) {
        evidence.reasons.push_back(reason.get<std::string>());
      }
    }
  }
  if (report.contains("totals") && report["totals"].is_object()) {
    nlohmann::json totals = report["totals"];
    for (const char* extra : {"pass_rate"}) {
      if (report.contains(extra)) {
        totals[extra] = report[extra];
      }
    }
    if (report.contains("diff") && report["diff"].is_object() && report["diff"].contains("rate")) {
      totals["diff_rate"] = report["diff"]["rate"];
    }
    evidence.totals_json = totals.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return evidence;
}

} // namespace gatekit::manifest
