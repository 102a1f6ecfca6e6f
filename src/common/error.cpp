#include <gatekit/common/error.hpp>

namespace gatekit {

std::string Error::to_string() const {
  std::string text;
  if (!where.file.empty()) {
    text += where.file;
    if (where.line > 0) {
      text += ':' + std::to_string(where.line);
      if (where.column > 0) {
        text += ':' + std::to_string(where.column);
      }
    }
    text += ": ";
  }
  if (!where.json_path.empty()) {
    text += where.json_path + ": ";
  }
  text += message;
  return text;
}

Error make_error(std::string file, std::string message, int line, int column) {
  Error error;
  error.message = std::move(message);
  error.where.file = std::move(file);
  error.where.line = line;
  error.where.column = column;
  return error;
}

} // namespace gatekit
