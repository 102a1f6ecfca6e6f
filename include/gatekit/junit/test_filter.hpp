#pragma once

#include <gatekit/common/error.hpp>
#include <gatekit/junit/merge.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace gatekit::junit {

// A list of test patterns (for --critical and --quarantine). A pattern is a
// glob ('*', '?', '[...]', with '*' crossing '/' and '.') matched against each
// of a test's names: "classname::name", "classname.name", "name",
// "file::name", the suite name, and "key=value" for each of its properties.
class TestFilter {
public:
  TestFilter() = default;
  explicit TestFilter(std::vector<std::string> patterns);

  bool empty() const { return m_patterns.empty(); }
  const std::vector<std::string>& patterns() const { return m_patterns; }

  // The index of the first pattern matching `test`, or -1.
  int match(const TestRun& run, const TestCase& test) const;

private:
  std::vector<std::string> m_patterns;
};

// Parses a quarantine file: one test pattern per line; blank lines and lines
// starting with '#' are ignored. An empty list is valid.
Result<std::vector<std::string>> parse_quarantine(std::string_view text, const std::string& source);

} // namespace gatekit::junit
