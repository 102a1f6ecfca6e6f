#pragma once

#include <gatekit/common/error.hpp>
#include <gatekit/github/context.hpp>
#include <gatekit/health/result.hpp>

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace gatekit::health {

// Where the results go besides the terminal.
struct PublishTargets {
  std::string report_json;      // --report-json
  std::string prometheus_file;  // --prom-file
  std::string summary_markdown; // --summary-markdown
  std::size_t max_annotations = 10;
};

// Inside Actions, asks the runner to mask every secret taken from the
// environment (before anything else is printed), then publishes the files
// (atomically), outputs, step summary, text and annotations.
Status publish_health(const HealthRun& run, const std::vector<std::string>& secrets,
                      const github::Context& context, const PublishTargets& targets,
                      std::ostream& out);

} // namespace gatekit::health
