#include "render_common.hpp"

#include <gatekit/common/text.hpp>
#include <gatekit/junit/render.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gatekit::junit {

std::string repository_path(const std::string& file, const std::vector<std::string>& workspaces) {
  for (std::string workspace : workspaces) {
    while (workspace.size() > 1 && workspace.back() == '/') {
      workspace.pop_back();
    }
    // Only at a path boundary: /w/app must not strip /w/app-tools/x.py.
    if (!workspace.empty() && file.rfind(workspace, 0) == 0 && file.size() > workspace.size() &&
        file[workspace.size()] == '/') {
      return file.substr(workspace.size() + 1);
    }
  }
  if (file.rfind("./", 0) == 0) {
    return file.substr(2);
  }
  return file;
}

std::string format_duration(double seconds) {
  char buffer[64];
  if (seconds < 10) {
    std::snprintf(buffer, sizeof(buffer), "%.2f s", seconds);
  } else if (seconds < 60) {
    std::snprintf(buffer, sizeof(buffer), "%.1f s", seconds);
  } else {
    const auto total = static_cast<long long>(std::llround(seconds));
    std::snprintf(buffer, sizeof(buffer), "%lld min %02lld s", total / 60, total % 60);
  }
  return buffer;
}

namespace detail {

std::vector<std::uint32_t> slowest_tests(const TestRun& run, std::size_t limit) {
  std::vector<std::uint32_t> order;
  order.reserve(run.tests.size());
  for (std::uint32_t i = 0; i < run.tests.size(); ++i) {
    if (run.tests[i].test.time_seconds > 0) {
      order.push_back(i);
    }
  }
  const std::size_t count = std::min(limit, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count), order.end(),
                    [&run](std::uint32_t a, std::uint32_t b) {
                      const double ta = run.tests[a].test.time_seconds;
                      const double tb = run.tests[b].test.time_seconds;
                      return ta != tb ? ta > tb : a < b;
                    });
  order.resize(count);
  return order;
}

std::string location_of(const TestRun& run, const TestCase& test,
                        const std::vector<std::string>& workspaces) {
  const std::string& file = run.text(test.file);
  if (file.empty()) {
    return {};
  }
  std::string location = repository_path(file, workspaces);
  if (test.line > 0) {
    location += ":" + std::to_string(test.line);
  }
  return location;
}

std::string message_of(const TestRun& run, const TestCase& test) {
  const CaseDetail* detail = run.detail(test);
  if (detail == nullptr || (detail->message.empty() && detail->type.empty())) {
    return "(no message in the report)";
  }
  if (detail->message.empty()) {
    return detail->type;
  }
  return detail->message;
}

} // namespace detail
} // namespace gatekit::junit
