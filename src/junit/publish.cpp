#include <gatekit/github/publish.hpp>
#include <gatekit/junit/publish.hpp>

namespace gatekit::junit {

Status publish_results(const TestRun& run, const GateResult& result, const RenderOptions& options,
                       const github::Context& context, const PublishTargets& targets,
                       std::ostream& out) {
  github::Publication publication;
  publication.text = render_summary_text(run, result, options);
  publication.markdown = render_summary_markdown(run, result, options);
  publication.outputs = gate_outputs(result);
  publication.annotations = failure_annotations(run, result, options);
  if (!targets.report_json.empty()) {
    publication.files.emplace_back(targets.report_json, render_report_json(run, result, options));
  }
  publication.files.emplace_back(targets.markdown, publication.markdown);
  return github::publish(publication, context, out);
}

} // namespace gatekit::junit
