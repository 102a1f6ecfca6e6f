#include <gatekit/common/error.hpp>
#include <gatekit/flags/check.hpp>
#include <gatekit/flags/report.hpp>
#include <gatekit/flags/rfc3339.hpp>
#include <gatekit/flags/rollout.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

namespace gatekit::flags {

std::vector<Finding> check_schedule(const FlagFile& file, Instant at) {
  std::vector<Finding> findings;
  if (file.format != Format::own) {
    return findings;
  }
  for (const Flag& flag : file.flags) {
    if (flag.strategy != Strategy::progressive) {
      continue;
    }
    const RolloutState state = rollout_state(flag, at);
    if (!state.percentage) {
      continue;
    }
    // A finished rollout gets one warning (below), not a second about its
    // percentage; a disabled one has progressive-disabled already.
    if (flag.enabled && state.phase != Phase::completed && flag.rollout_percentage &&
        std::abs(*flag.rollout_percentage - *state.percentage) > 1.0) {
      findings.push_back(Finding{Severity::warning, "stale-percentage",
                                 "rollout_percentage is " + decimal_text(*flag.rollout_percentage) +
                                     " but the rollout dates imply " +
                                     decimal_text(*state.percentage) + "% at " + format_rfc3339(at),
                                 flag.percentage_at, flag.key});
    }
    if (state.phase == Phase::completed) {
      findings.push_back(Finding{Severity::warning, "rollout-finished",
                                 "the rollout finished on " +
                                     format_rfc3339(*flag.progressive->end) + " at " +
                                     decimal_text(*state.percentage) +
                                     "% but the flag is still marked progressive; make it "
                                     "all_at_once (or percentage)",
                                 flag.strategy_at, flag.key});
    }
  }
  return findings;
}

Verdict decide(std::vector<Finding> findings, bool strict) {
  Verdict verdict;
  for (Finding& finding : findings) {
    if (strict && finding.severity == Severity::warning) {
      finding.severity = Severity::error;
      finding.message += " (an error under --strict)";
    }
    (finding.severity == Severity::error ? verdict.errors : verdict.warnings) += 1;
  }
  // Files keep the order they first appear in; within a file, lines and then
  // columns ascend.
  std::vector<std::string> files;
  for (const Finding& finding : findings) {
    if (std::find(files.begin(), files.end(), finding.where.file) == files.end()) {
      files.push_back(finding.where.file);
    }
  }
  const auto file_rank = [&files](const std::string& file) {
    return std::find(files.begin(), files.end(), file) - files.begin();
  };
  std::stable_sort(findings.begin(), findings.end(), [&](const Finding& a, const Finding& b) {
    const auto key = [&](const Finding& f) {
      return std::tuple(f.severity == Severity::error ? 0 : 1, file_rank(f.where.file),
                        f.where.line, f.where.column);
    };
    return key(a) < key(b);
  });
  verdict.findings = std::move(findings);
  return verdict;
}

std::string format_finding(const Finding& finding) {
  Error error =
      make_error(finding.where.file, finding.message, finding.where.line, finding.where.column);
  error.where.json_path = finding.where.json_path;
  return error.to_string();
}

} // namespace gatekit::flags
