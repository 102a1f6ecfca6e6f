#pragma once

#include <gatekit/common/error.hpp>
#include <gatekit/github/context.hpp>
#include <gatekit/junit/gate.hpp>
#include <gatekit/junit/render.hpp>

#include <ostream>
#include <string>

namespace gatekit::junit {

// Where the results go besides the terminal.
struct PublishTargets {
  std::string report_json; // --report-json; empty for none
  std::string markdown;    // --summary-markdown; empty for none
};

// Writes the results: the JSON report and Markdown file (atomically), step
// outputs to $GITHUB_OUTPUT, the summary to $GITHUB_STEP_SUMMARY, and to
// `out` the text summary, which inside Actions is guarded against command
// injection and followed by the failure annotations.
Status publish_results(const TestRun& run, const GateResult& result, const RenderOptions& options,
                       const github::Context& context, const PublishTargets& targets,
                       std::ostream& out);

} // namespace gatekit::junit
