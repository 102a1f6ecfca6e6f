#pragma once

// The checks that need a clock, and the verdict over all findings.

#include <gatekit/flags/model.hpp>

#include <string>
#include <vector>

namespace gatekit::flags {

// Warnings about progressive rollouts at `at`: a rollout_percentage more than
// one point away from what the dates imply, and a finished rollout still
// marked progressive.
std::vector<Finding> check_schedule(const FlagFile& file, Instant at);

// The gate's verdict over every finding.
struct Verdict {
  std::vector<Finding> findings; // errors first, then warnings, each in file order
  std::size_t errors = 0;
  std::size_t warnings = 0;
  bool passed() const { return errors == 0; }
};

// Sorts the findings and counts them; with `strict` every warning becomes an error.
Verdict decide(std::vector<Finding> findings, bool strict);

// "file:line:col: /json/path: message", the parts that are known.
std::string format_finding(const Finding& finding);

} // namespace gatekit::flags
