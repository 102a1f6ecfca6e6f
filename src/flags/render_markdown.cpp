#include "flag_rows.hpp"

#include <gatekit/common/text.hpp>
#include <gatekit/flags/report.hpp>
#include <gatekit/flags/rfc3339.hpp>
#include <gatekit/github/escape.hpp>
#include <gatekit/github/markdown.hpp>

namespace gatekit::flags {
namespace {

using github::escape_markdown;
using github::MarkdownCell;

constexpr std::size_t k_cell_bytes = 300;

MarkdownCell cell(const std::string& text) {
  return MarkdownCell{truncate_utf8(text, k_cell_bytes, "…"), false};
}
MarkdownCell trusted(const std::string& text) {
  return MarkdownCell{text, true};
}

std::string location_text(const Location& where) {
  std::string text = where.file;
  if (where.line > 0) {
    text += ":" + std::to_string(where.line);
    if (where.column > 0) {
      text += ":" + std::to_string(where.column);
    }
  }
  return text;
}

} // namespace

std::string render_validation_markdown(const ValidationRun& run, const RenderOptions& options) {
  const Verdict& verdict = run.verdict;
  std::string text =
      verdict.passed() ? "## ✅ flag-validate: passed\n\n" : "## ❌ flag-validate: failed\n\n";
  text += std::to_string(verdict.errors) + " error(s), " + std::to_string(verdict.warnings) +
          " warning(s) at " + format_rfc3339(run.at);
  if (!run.environment.empty()) {
    text += " against the **" + escape_markdown(run.environment) + "** policy";
  }
  text += run.strict ? " (strict)" : "";
  text += ".\n\n";
  for (const FlagFile& file : run.files) {
    text += "### " + escape_markdown(file.path) + " (" + detail::format_label(file) +
            "): " + std::to_string(file.flags.size()) + " flag(s)\n\n";
    std::vector<std::vector<MarkdownCell>> rows;
    for (const detail::FlagRow& row : detail::flag_rows(file, run.at)) {
      rows.push_back({cell(row.name), trusted(row.state == "on" ? "🟢 on" : "⚪ off"),
                      trusted(row.strategy),
                      trusted(detail::now_text(row.percentage, row.scheduled)),
                      trusted(phase_name(row.phase))});
    }
    text += github::markdown_table({"Flag", "State", "Strategy", "Now", "Phase"}, rows,
                                   {false, false, false, true, false}) +
            "\n";
  }
  if (!verdict.findings.empty()) {
    text += "### Findings (" + std::to_string(verdict.findings.size()) + ")\n\n";
    std::vector<std::vector<MarkdownCell>> rows;
    const std::size_t listed = std::min(verdict.findings.size(), options.max_findings_listed);
    for (std::size_t i = 0; i < listed; ++i) {
      const Finding& finding = verdict.findings[i];
      rows.push_back({trusted(finding.severity == Severity::error ? "❌ error" : "⚠️ warning"),
                      cell(location_text(finding.where)), cell(finding.where.json_path),
                      cell(finding.message)});
    }
    text += github::markdown_table({"Severity", "Location", "Path", "Message"}, rows);
    if (listed < verdict.findings.size()) {
      text += "\n_… and " + std::to_string(verdict.findings.size() - listed) +
              " more (see the JSON report)._\n";
    }
    text += "\n";
  }
  if (!run.unmatched.empty()) {
    text +=
        "Drift: " + std::to_string(run.switches_compared) +
        " switch(es) compared; not naming any flag: " + escape_markdown(join(run.unmatched, ", ")) +
        "\n\n";
  }
  return text;
}

} // namespace gatekit::flags
