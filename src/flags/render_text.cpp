#include "flag_rows.hpp"

#include <gatekit/common/text.hpp>
#include <gatekit/flags/report.hpp>
#include <gatekit/flags/rfc3339.hpp>

#include <algorithm>

namespace gatekit::flags {
namespace {

std::string pad(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

// Columns sized to their widest cell; report text made single-line.
std::string text_table(const std::vector<std::string>& headers,
                       const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const std::string& header : headers) {
    widths.push_back(header.size());
  }
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], std::min<std::size_t>(row[i].size(), 60));
    }
  }
  std::string text;
  const auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      out += "  " + (i + 1 < cells.size() ? pad(cells[i], widths[i]) : cells[i]);
    }
    text += out + "\n";
  };
  line(headers);
  for (const auto& row : rows) {
    line(row);
  }
  return text;
}

} // namespace

std::string render_validation_text(const ValidationRun& run) {
  const Verdict& verdict = run.verdict;
  std::size_t flags = 0;
  for (const FlagFile& file : run.files) {
    flags += file.flags.size();
  }
  std::string text = std::string("flag-validate: ") + (verdict.passed() ? "PASSED" : "FAILED") +
                     "  " + std::to_string(verdict.errors) + " error(s), " +
                     std::to_string(verdict.warnings) + " warning(s); " + std::to_string(flags) +
                     " flag(s) in " + std::to_string(run.files.size()) + " file(s) at " +
                     format_rfc3339(run.at);
  if (!run.environment.empty()) {
    text += "; policy " + single_line(run.environment);
  }
  if (run.strict) {
    text += "; strict";
  }
  text += "\n";
  for (const FlagFile& file : run.files) {
    text += "\n" + single_line(file.path) + " (" + detail::format_label(file) +
            "): " + std::to_string(file.flags.size()) + " flag(s)\n";
    std::vector<std::vector<std::string>> rows;
    for (const detail::FlagRow& row : detail::flag_rows(file, run.at)) {
      rows.push_back({single_line(row.name), row.state, row.strategy,
                      detail::now_text(row.percentage, row.scheduled), phase_name(row.phase)});
    }
    text += text_table({"flag", "state", "strategy", "now", "phase"}, rows);
  }
  if (run.switches_compared > 0 || !run.unmatched.empty()) {
    text += "\ndrift: " + std::to_string(run.switches_compared) +
            " switch(es) compared with the flag file(s)";
    if (!run.unmatched.empty()) {
      text += "; naming no flag (not compared): " + single_line(join(run.unmatched, ", "));
    }
    text += "\n";
  }
  if (!verdict.findings.empty()) {
    text += "\n";
  }
  for (const Finding& finding : verdict.findings) {
    text += std::string(finding.severity == Severity::error ? "  error    " : "  warning  ") +
            single_line(format_finding(finding)) + "  [" + finding.code + "]\n";
  }
  return text;
}

std::string render_eval_text(const FlagFile& file, const EvalContext& context,
                             const std::vector<FlagEvaluation>& results) {
  std::string text = "flag-validate eval: " + single_line(file.path) + " (" +
                     detail::format_label(file) + ") at " + format_rfc3339(context.at);
  if (context.user) {
    text += ", user " + single_line(*context.user);
  }
  if (context.region) {
    text += ", region " + single_line(*context.region);
  }
  text += "\n";
  std::vector<std::vector<std::string>> rows;
  for (const FlagEvaluation& result : results) {
    std::string value = result.value.value_or("-");
    if (result.variant) {
      value = *result.variant + " = " + value;
    }
    rows.push_back({single_line(result.key), result.enabled ? "on" : "off", result.strategy,
                    phase_name(result.state.phase),
                    detail::now_text(result.state.percentage, result.scheduled), single_line(value),
                    single_line(result.reason)});
  }
  text += text_table({"flag", "state", "strategy", "phase", "percentage", "value", "why"}, rows);
  return text;
}

} // namespace gatekit::flags
