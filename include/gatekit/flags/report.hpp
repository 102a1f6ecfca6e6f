#pragma once

// A validation run's results and how they are shown: terminal text, the
// Markdown step summary, the --report-json document, step outputs and
// annotations. Every piece of text from a flag file is escaped for where it goes.

#include <gatekit/common/error.hpp>
#include <gatekit/flags/check.hpp>
#include <gatekit/flags/evaluate.hpp>
#include <gatekit/flags/model.hpp>
#include <gatekit/github/annotations.hpp>
#include <gatekit/github/context.hpp>
#include <gatekit/github/outputs.hpp>

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace gatekit::flags {

// Everything `flag-validate validate` found.
struct ValidationRun {
  std::vector<FlagFile> files;
  Instant at = 0;
  bool strict = false;
  std::string environment;            // the policy's environment; "" without a policy
  std::size_t switches_compared = 0;  // drift: switches that named a flag
  std::vector<std::string> unmatched; // drift: switches naming no flag
  Verdict verdict;
};

struct RenderOptions {
  std::size_t max_annotations = 10;
  std::size_t max_findings_listed = 100; // rows of the Markdown findings table
  std::vector<std::string> workspaces;   // prefixes stripped from annotation paths
};

std::string render_validation_text(const ValidationRun& run);
std::string render_validation_markdown(const ValidationRun& run, const RenderOptions& options);
// {"tool": "flag-validate", "gate": {"passed", "reasons"}, "totals": {...}, ...};
// see docs/flag-validate.md.
std::string render_validation_json(const ValidationRun& run);
// valid, errors, warnings, flags.
github::Outputs validation_outputs(const ValidationRun& run);
// One annotation per finding (errors first), at most options.max_annotations,
// then a notice saying how many were left out.
std::vector<github::Annotation> finding_annotations(const ValidationRun& run,
                                                    const RenderOptions& options);

// Where the results go besides the terminal.
struct PublishTargets {
  std::string report_json; // "" for none
  std::string markdown;    // "" for none
};

// Writes the requested files atomically, the outputs and step summary, and
// the text (guarded inside Actions) followed by the annotations.
Status publish_validation(const ValidationRun& run, const RenderOptions& options,
                          const github::Context& context, const PublishTargets& targets,
                          std::ostream& out);

// `eval`: a table of every flag's state and answer for the context.
std::string render_eval_text(const FlagFile& file, const EvalContext& context,
                             const std::vector<FlagEvaluation>& results);
// The same as JSON: {"file", "at", "context", "flags": [{"name", "enabled",
// "strategy", "phase", "percentage", "value", "variant", "reason"}]}.
std::string render_eval_json(const FlagFile& file, const EvalContext& context,
                             const std::vector<FlagEvaluation>& results);

// "25%", "21.43%", "-" for none.
std::string percent_text(std::optional<double> value);

// A number as messages show it: at most `decimals` places, trailing zeros
// dropped ("33.5", "40", "21.4286").
std::string decimal_text(double value, int decimals = 2);

} // namespace gatekit::flags
