#include <gatekit/common/file_io.hpp>
#include <gatekit/github/publish.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace gatekit::github {

Status check_output_paths(const std::vector<std::string>& paths) {
  std::set<std::filesystem::path> seen;
  for (const std::string& path : paths) {
    if (path.empty()) {
      continue;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      return make_error(path, "is a directory; give a file name");
    }
    const std::filesystem::path resolved = std::filesystem::weakly_canonical(path, ec);
    if (!seen.insert(ec ? std::filesystem::path(path).lexically_normal() : resolved).second) {
      return make_error(path, "is given for two different outputs; give each its own file");
    }
  }
  return Done{};
}

Status publish(const Publication& publication, const Context& context, std::ostream& out) {
  // All requested files or none: each goes to a temporary beside its target,
  // and only when every one is written are they moved into place.
  std::vector<std::string> paths;
  for (const auto& [path, content] : publication.files) {
    paths.push_back(path);
  }
  if (Status checked = check_output_paths(paths); !checked) {
    return checked;
  }
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
  for (size_t i = 0; i < staged.size(); ++i) {
    Status committed = commit_temporary(staged[i].first, staged[i].second);
    if (!committed) {
      for (size_t rest = i + 1; rest < staged.size(); ++rest) {
        discard_temporary(staged[rest].first);
      }
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
