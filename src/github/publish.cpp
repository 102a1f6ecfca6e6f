#include <gatekit/common/file_io.hpp>
#include <gatekit/github/publish.hpp>

namespace gatekit::github {

Status publish(const Publication& publication, const Context& context, std::ostream& out) {
  // All requested files or none: each goes to a temporary beside its target,
  // and only when every one is written are they moved into place.
  std::vector<std::pair<std::string, std::string>> staged; // (temporary, target)
  for (const auto& [path, content] : publication.files) {
    if (path.empty()) {
      continue;
    }
    Result<std::string> temporary = write_temporary_beside(path, content);
    if (!temporary) {
      for (const auto& [name, target] : staged) {
        discard_temporary(name);
      }
      return temporary.error();
    }
    staged.emplace_back(temporary.value(), path);
  }
  for (const auto& [temporary, target] : staged) {
    Status committed = commit_temporary(temporary, target);
    if (!committed) {
      return committed;
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
