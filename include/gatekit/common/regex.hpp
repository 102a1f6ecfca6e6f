#pragma once

// POSIX extended regular expressions. POSIX rather than std::regex:
// libstdc++'s matcher recurses per character and can exhaust the stack on a
// large input, such as a response body.

#include <gatekit/common/error.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace gatekit {

class ExtendedRegex {
public:
  // Compiles `pattern`; fails with the system's explanation.
  static Result<ExtendedRegex> compile(const std::string& pattern);

  // True if the pattern matches anywhere in `text` (across NUL bytes too,
  // where the system supports it).
  bool search(std::string_view text) const;

  ExtendedRegex(ExtendedRegex&&) noexcept;
  ExtendedRegex& operator=(ExtendedRegex&&) noexcept;
  ~ExtendedRegex();

private:
  struct Compiled;
  explicit ExtendedRegex(std::unique_ptr<Compiled> compiled);
  std::unique_ptr<Compiled> m_compiled;
};

} // namespace gatekit
