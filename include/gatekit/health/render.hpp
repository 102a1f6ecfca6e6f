#pragma once

// health-check's results in each form they leave the tool: terminal text,
// the Markdown step summary, the JSON report manifest-gen embeds, the
// Prometheus text format for node_exporter's textfile collector, step
// outputs and annotations.

#include <gatekit/github/annotations.hpp>
#include <gatekit/github/outputs.hpp>
#include <gatekit/health/result.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace gatekit::health {

std::string render_text(const HealthRun& run);

std::string render_markdown(const HealthRun& run);

// {"tool": "health-check", "gate": {"passed", "reasons"}, "totals": {...},
//  "checks": [...]}: the shape manifest-gen reads as health evidence.
std::string render_report_json(const HealthRun& run);

// Gauges per check (up, latency seconds, attempts) and for the whole run,
// labelled by check name, type and severity.
std::string render_prometheus_text(const HealthRun& run);

// healthy, passed, failed, warnings.
github::Outputs health_outputs(const HealthRun& run);

// One error per failed critical check, one warning per warning; at most
// `max_annotations` of them.
std::vector<github::Annotation> health_annotations(const HealthRun& run,
                                                   std::size_t max_annotations);

} // namespace gatekit::health
