// One of the few POSIX-specific files of the core (with file_io.cpp,
// process.cpp and system_stats.cpp): a port replaces these alone.

#include <regex.h>

#include <gatekit/common/regex.hpp>

namespace gatekit {

struct ExtendedRegex::Compiled {
  regex_t regex{};
  ~Compiled() { regfree(&regex); }
};

ExtendedRegex::ExtendedRegex(std::unique_ptr<Compiled> compiled)
    : m_compiled(std::move(compiled)) {}
ExtendedRegex::ExtendedRegex(ExtendedRegex&&) noexcept = default;
ExtendedRegex& ExtendedRegex::operator=(ExtendedRegex&&) noexcept = default;
ExtendedRegex::~ExtendedRegex() = default;

Result<ExtendedRegex> ExtendedRegex::compile(const std::string& pattern) {
  regex_t regex{};
  const int status = regcomp(&regex, pattern.c_str(), REG_EXTENDED | REG_NOSUB);
  if (status != 0) {
    char buffer[256];
    regerror(status, &regex, buffer, sizeof buffer);
    return Error{std::string("not a valid POSIX extended regular expression: ") + buffer, {}};
  }
  auto compiled = std::make_unique<Compiled>();
  compiled->regex = regex;
  return ExtendedRegex(std::move(compiled));
}

bool ExtendedRegex::search(std::string_view text) const {
  const std::string terminated(text);
#ifdef REG_STARTEND
  // Matches across NUL bytes too (glibc, BSD).
  regmatch_t range[1];
  range[0].rm_so = 0;
  range[0].rm_eo = static_cast<regoff_t>(terminated.size());
  return regexec(&m_compiled->regex, terminated.c_str(), 1, range, REG_STARTEND) == 0;
#else
  return regexec(&m_compiled->regex, terminated.c_str(), 0, nullptr, 0) == 0;
#endif
}

} // namespace gatekit
