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

// Refuses output paths that cannot all be written: a directory in the way,
// or one path given for two outputs
// (the later would silently replace the earlier). publish() checks this
// before writing anything; a tool that works for long first (health-check
// waiting for a service) checks it up front too, so a typo fails in a second.
Status check_output_paths(const std::vector<std::string>& paths);

// Writes the requested files, appends the outputs to $GITHUB_OUTPUT and the
// Markdown to $GITHUB_STEP_SUMMARY, and prints the text to `out`: inside
// Actions guarded against command injection and followed by the annotations.
Status publish(const Publication& publication, const Context& context, std::ostream& out);

} // namespace gatekit::github
