#include <gatekit/common/file_io.hpp>
#include <gatekit/github/annotations.hpp>
#include <gatekit/github/outputs.hpp>
#include <gatekit/junit/publish.hpp>

namespace gatekit::junit {

Status publish_results(const TestRun& run, const GateResult& result, const RenderOptions& options,
                       const github::Context& context, const PublishTargets& targets,
                       std::ostream& out) {
  if (!targets.report_json.empty()) {
    Status written =
        write_file_atomic(targets.report_json, render_report_json(run, result, options));
    if (!written) {
      return written;
    }
  }
  const bool want_markdown = !targets.markdown.empty() || !context.summary_file.empty();
  const std::string markdown = want_markdown ? render_summary_markdown(run, result, options) : "";
  if (!targets.markdown.empty()) {
    Status written = write_file_atomic(targets.markdown, markdown);
    if (!written) {
      return written;
    }
  }
  if (!context.output_file.empty()) {
    Status written =
        append_to_file(context.output_file, github::format_outputs(gate_outputs(result)));
    if (!written) {
      return written;
    }
  }
  if (!context.summary_file.empty()) {
    Status written = append_to_file(context.summary_file, markdown);
    if (!written) {
      return written;
    }
  }
  const std::string text = render_summary_text(run, result, options);
  if (context.in_actions) {
    out << github::guard_log_text(text);
    for (const github::Annotation& annotation : failure_annotations(run, result, options)) {
      out << github::format_annotation(annotation);
    }
  } else {
    out << text;
  }
  out.flush();
  return Done{};
}

} // namespace gatekit::junit
