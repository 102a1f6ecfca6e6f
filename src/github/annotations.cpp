#include <gatekit/github/annotations.hpp>
#include <gatekit/github/escape.hpp>

namespace gatekit::github {
namespace {

const char* level_name(AnnotationLevel level) {
  switch (level) {
  case AnnotationLevel::error:
    return "error";
  case AnnotationLevel::warning:
    return "warning";
  case AnnotationLevel::notice:
    return "notice";
  }
  return "error";
}

} // namespace

std::string format_annotation(const Annotation& annotation) {
  std::string properties;
  const auto add = [&properties](const std::string& key, const std::string& value) {
    properties += properties.empty() ? " " : ",";
    properties += key + "=" + escape_command_property(value);
  };
  if (!annotation.file.empty()) {
    add("file", annotation.file);
    if (annotation.line > 0) {
      add("line", std::to_string(annotation.line));
      if (annotation.end_line > annotation.line) {
        add("endLine", std::to_string(annotation.end_line));
      }
      if (annotation.column > 0) {
        add("col", std::to_string(annotation.column));
      }
    }
  }
  if (!annotation.title.empty()) {
    add("title", annotation.title);
  }
  return std::string("::") + level_name(annotation.level) + properties +
         "::" + escape_command_data(annotation.message) + "\n";
}

std::string guard_log_text(const std::string& text) {
  std::string token;
  do {
    token = random_token();
  } while (text.find(token) != std::string::npos);
  std::string guarded = "::stop-commands::" + token + "\n" + text;
  if (!guarded.empty() && guarded.back() != '\n') {
    guarded += '\n';
  }
  guarded += "::" + token + "::\n";
  return guarded;
}

} // namespace gatekit::github
