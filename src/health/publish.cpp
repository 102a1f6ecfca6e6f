#include <gatekit/github/escape.hpp>
#include <gatekit/github/publish.hpp>
#include <gatekit/health/publish.hpp>
#include <gatekit/health/render.hpp>

#include <set>

namespace gatekit::health {

Status publish_health(const HealthRun& run, const std::vector<std::string>& secrets,
                      const github::Context& context, const PublishTargets& targets,
                      std::ostream& out) {
  if (context.in_actions) {
    // Each secret once; a multi-line value is masked line by line, as the
    // runner matches masks per line of the log.
    std::set<std::string> masked;
    for (const std::string& secret : secrets) {
      size_t start = 0;
      while (start <= secret.size()) {
        size_t end = secret.find('\n', start);
        if (end == std::string::npos) {
          end = secret.size();
        }
        std::string line = secret.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') {
          line.pop_back();
        }
        if (!line.empty() && masked.insert(line).second) {
          out << "::add-mask::" << github::escape_command_data(line) << '\n';
        }
        start = end + 1;
      }
    }
  }
  github::Publication publication;
  publication.text = render_text(run);
  publication.markdown = render_markdown(run);
  publication.outputs = health_outputs(run);
  publication.annotations = health_annotations(run, targets.max_annotations);
  if (!targets.report_json.empty()) {
    publication.files.emplace_back(targets.report_json, render_report_json(run));
  }
  if (!targets.prometheus_file.empty()) {
    publication.files.emplace_back(targets.prometheus_file, render_prometheus_text(run));
  }
  publication.files.emplace_back(targets.summary_markdown, publication.markdown);
  return github::publish(publication, context, out);
}

} // namespace gatekit::health
