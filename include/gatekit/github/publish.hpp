#pragma once

#include <gatekit/common/error.hpp>
#include <gatekit/github/annotations.hpp>
#include <gatekit/github/context.hpp>
#include <gatekit/github/outputs.hpp>

#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace gatekit::github {

// A tool's rendered results, ready to go out.
struct Publication {
  std::string text;                    // the terminal summary
  std::string markdown;                // the step summary
  Outputs outputs;                     // $GITHUB_OUTPUT
  std::vector<Annotation> annotations; // printed inside Actions only
  // Files the user asked for (--report-json, --summary-markdown, --badge):
  // path and content, each written atomically; empty paths are skipped.
  std::vector<std::pair<std::string, std::string>> files;
};

// Writes the requested files, appends the outputs to $GITHUB_OUTPUT and the
// Markdown to $GITHUB_STEP_SUMMARY, and prints the text to `out`: inside
// Actions guarded against command injection and followed by the annotations.
Status publish(const Publication& publication, const Context& context, std::ostream& out);

} // namespace gatekit::github
