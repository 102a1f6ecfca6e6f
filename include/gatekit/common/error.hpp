#pragma once

#include <string>
#include <utility>
#include <variant>

namespace gatekit {

// Where an input problem sits: a file, optionally a 1-based line and column,
// or a JSON path for structured inputs. Empty fields are omitted when printed.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  std::string json_path;
  // Byte offset into the (UTF-8) text a parser read, or -1. Parsers that work
  // in place report this; the caller, who still has the original bytes, turns
  // it into line and column only when an error actually happens.
  long long offset = -1;
};

// An input or usage problem, reported to the user as "file:line:col: message".
struct Error {
  std::string message;
  SourceLocation where;

  // Returns "file:line:column: message" with the known parts only.
  std::string to_string() const;
};

// Builds an Error located in `file` (and optionally at a line and column).
Error make_error(std::string file, std::string message, int line = 0, int column = 0);

// A value or the Error that prevented it; the one error mechanism of gatekit.
template <typename T> class [[nodiscard]] Result {
public:
  Result(T value) : m_state(std::move(value)) {}
  Result(Error error) : m_state(std::move(error)) {}

  bool ok() const { return std::holds_alternative<T>(m_state); }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<T>(m_state); }
  const T& value() const& { return std::get<T>(m_state); }
  T&& value() && { return std::get<T>(std::move(m_state)); }
  const Error& error() const { return std::get<Error>(m_state); }

private:
  std::variant<T, Error> m_state;
};

// The result of an operation that yields nothing but may fail.
struct Done {};
using Status = Result<Done>;

} // namespace gatekit
