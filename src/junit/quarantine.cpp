#include <gatekit/common/glob.hpp>
#include <gatekit/common/text.hpp>
#include <gatekit/junit/test_filter.hpp>

namespace gatekit::junit {

TestFilter::TestFilter(std::vector<std::string> patterns) : m_patterns(std::move(patterns)) {}

int TestFilter::match(const TestRun& run, const TestCase& test) const {
  if (m_patterns.empty()) {
    return -1;
  }
  const std::string& classname = run.text(test.classname);
  const std::string& file = run.text(test.file);
  const std::string test_name(run.name(test));
  std::vector<std::string> names = {run.test_id(test), test_name};
  if (!classname.empty()) {
    names.push_back(classname + "." + test_name);
  }
  if (!file.empty()) {
    names.push_back(file + "::" + test_name);
  }
  if (!run.text(test.suite).empty()) {
    names.push_back(run.text(test.suite));
  }
  if (const CaseDetail* detail = run.detail(test)) {
    for (const auto& [key, value] : detail->properties) {
      names.push_back(key + "=" + value);
    }
  }
  for (size_t i = 0; i < m_patterns.size(); ++i) {
    for (const std::string& name : names) {
      if (glob_match(m_patterns[i], name, GlobMode::text)) {
        return static_cast<int>(i);
      }
    }
  }
  return -1;
}

Result<std::vector<std::string>> parse_quarantine(std::string_view text,
                                                  const std::string& source) {
  std::vector<std::string> patterns;
  for (const std::string& line : split_lines(text)) {
    if (line.front() != '#') {
      patterns.push_back(line);
    }
  }
  (void)source; // an empty list is valid: every quarantined test was fixed
  return patterns;
}

} // namespace gatekit::junit
