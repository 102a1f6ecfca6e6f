#pragma once

#include <string>

namespace gatekit::github {

enum class AnnotationLevel { error, warning, notice };

// One annotation on a file and line of the checked-out repository.
struct Annotation {
  AnnotationLevel level = AnnotationLevel::error;
  std::string file; // repository-relative; empty for none
  int line = 0;     // 1-based; 0 for none
  int end_line = 0; // last line of a range; 0 for a single line
  std::string title;
  std::string message;
  int column = 0; // 1-based column on `line` ("col="); 0 for none
};

// The workflow command "::error file=F,line=L,title=T::message\n" with every
// part escaped, so report text can neither end the command nor start another.
std::string format_annotation(const Annotation& annotation);

// Wraps untrusted text printed to a GitHub log between "::stop-commands::TOKEN"
// and "::TOKEN::" so no line of it is read as a workflow command.
std::string guard_log_text(const std::string& text);

} // namespace gatekit::github
