#include <gatekit/common/file_io.hpp>
#include <gatekit/github/publish.hpp>

namespace gatekit::github {

Status publish(const Publication& publication, const Context& context, std::ostream& out) {
  for (const auto& [path, content] : publication.files) {
    if (path.empty()) {
      continue;
    }
    Status written = write_file_atomic(path, content);
    if (!written) {
      return written;
    }
  }
  if (!context.output_file.empty()) {
    Status written = append_to_file(context.output_file, format_outputs(publication.outputs));
    if (!written) {
      return written;
    }
  }
  if (!context.summary_file.empty()) {
    Status written = append_to_file(context.summary_file, publication.markdown);
    if (!written) {
      return written;
    }
  }
  if (context.in_actions) {
    out << guard_log_text(publication.text);
    for (const Annotation& annotation : publication.annotations) {
      out << format_annotation(annotation);
    }
  } else {
    out << publication.text;
  }
  out.flush();
  return Done{};
}

} // namespace gatekit::github
