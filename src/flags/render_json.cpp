#include "flag_rows.hpp"

#include <gatekit/flags/report.hpp>
#include <gatekit/flags/rfc3339.hpp>

#include <nlohmann/json.hpp>

namespace gatekit::flags {
namespace {

using nlohmann::ordered_json;

constexpr std::size_t k_max_reasons = 20;

ordered_json number_or_null(std::optional<double> value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

std::string dump(const ordered_json& json) {
  return json.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

} // namespace

std::string render_validation_json(const ValidationRun& run) {
  const Verdict& verdict = run.verdict;
  std::size_t flag_count = 0;
  ordered_json files = ordered_json::array();
  ordered_json flags = ordered_json::array();
  for (const FlagFile& file : run.files) {
    flag_count += file.flags.size();
    files.push_back({{"path", file.path},
                     {"format", file.format == Format::flagd ? "flagd" : "own"},
                     {"syntax", file.syntax == Syntax::yaml ? "yaml" : "json"},
                     {"flags", file.flags.size()}});
    for (const detail::FlagRow& row : detail::flag_rows(file, run.at)) {
      flags.push_back({{"file", file.path},
                       {"name", row.name},
                       {"enabled", row.state == "on"},
                       {"strategy", row.strategy},
                       {"phase", row.phase == Phase::none ? ordered_json(nullptr)
                                                          : ordered_json(phase_name(row.phase))},
                       {"percentage", number_or_null(row.percentage)},
                       {"scheduled_percentage", number_or_null(row.scheduled)}});
    }
  }
  ordered_json reasons = ordered_json::array();
  ordered_json findings = ordered_json::array();
  for (const Finding& finding : verdict.findings) {
    if (finding.severity == Severity::error && reasons.size() < k_max_reasons) {
      reasons.push_back(format_finding(finding));
    }
    findings.push_back({{"severity", finding.severity == Severity::error ? "error" : "warning"},
                        {"code", finding.code},
                        {"message", finding.message},
                        {"file", finding.where.file},
                        {"line", finding.where.line},
                        {"column", finding.where.column},
                        {"json_path", finding.where.json_path},
                        {"flag", finding.flag}});
  }
  if (verdict.errors > k_max_reasons) {
    reasons.push_back("... and " + std::to_string(verdict.errors - k_max_reasons) +
                      " more error(s)");
  }
  ordered_json json;
  json["tool"] = "flag-validate";
  json["at"] = format_rfc3339(run.at);
  json["environment"] =
      run.environment.empty() ? ordered_json(nullptr) : ordered_json(run.environment);
  json["strict"] = run.strict;
  json["gate"] = {{"passed", verdict.passed()}, {"reasons", reasons}};
  json["totals"] = {{"files", run.files.size()},
                    {"flags", flag_count},
                    {"errors", verdict.errors},
                    {"warnings", verdict.warnings}};
  json["files"] = files;
  json["flags"] = flags;
  json["findings"] = findings;
  json["drift"] = {{"switches_compared", run.switches_compared}, {"unmatched", run.unmatched}};
  return dump(json);
}

std::string render_eval_json(const FlagFile& file, const EvalContext& context,
                             const std::vector<FlagEvaluation>& results) {
  ordered_json json;
  json["tool"] = "flag-validate";
  json["file"] = file.path;
  json["format"] = file.format == Format::flagd ? "flagd" : "own";
  json["at"] = format_rfc3339(context.at);
  json["context"] = {
      {"user", context.user ? ordered_json(*context.user) : ordered_json(nullptr)},
      {"region", context.region ? ordered_json(*context.region) : ordered_json(nullptr)}};
  ordered_json flags = ordered_json::array();
  for (const FlagEvaluation& result : results) {
    ordered_json value = nullptr;
    if (result.value) {
      value = ordered_json::parse(*result.value, nullptr, false);
      if (value.is_discarded()) {
        value = *result.value;
      }
    }
    flags.push_back(
        {{"name", result.key},
         {"enabled", result.enabled},
         {"strategy", result.strategy},
         {"phase", result.state.phase == Phase::none
                       ? ordered_json(nullptr)
                       : ordered_json(phase_name(result.state.phase))},
         {"percentage", number_or_null(result.state.percentage)},
         {"scheduled_percentage", number_or_null(result.scheduled)},
         {"value", value},
         {"variant", result.variant ? ordered_json(*result.variant) : ordered_json(nullptr)},
         {"reason", result.reason}});
  }
  json["flags"] = flags;
  return dump(json);
}

} // namespace gatekit::flags
