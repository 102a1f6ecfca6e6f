// Every fixture under tests/data/junit (made by the real producers, or
// modelled on their published output) parses to the counts in its
// <case>.expected.json, or is rejected when the fixture says so.

#include <gatekit/common/file_io.hpp>
#include <gatekit/junit/gate.hpp>
#include <gatekit/junit/load.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

namespace fs = std::filesystem;
using namespace gatekit;
using namespace gatekit::junit;

TEST_SUITE("junit::golden") {
  TEST_CASE("every fixture gives the counts recorded beside it") {
    const fs::path root = fs::path(GATEKIT_TEST_DATA_DIR) / "junit";
    size_t checked = 0;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(root)) {
      const std::string path = entry.path().string();
      const std::string suffix = ".expected.json";
      if (path.size() < suffix.size() ||
          path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0) {
        continue;
      }
      const std::string xml = path.substr(0, path.size() - suffix.size()) + ".xml";
      CAPTURE(xml);
      const nlohmann::json expected = nlohmann::json::parse(read_file(path).value());
      Result<TestRun> run = load_reports({xml}, MergeOptions{});
      if (expected.value("rejected", false)) {
        REQUIRE_FALSE(run.ok());
        // Rejected with a message that says what is wrong, where.
        CHECK(run.error().where.file == xml);
        CHECK(run.error().message.find(expected["error_contains"].get<std::string>()) !=
              std::string::npos);
        CHECK(run.error().where.line == expected["error_line"].get<int>());
        ++checked;
        continue;
      }
      REQUIRE(run.ok());
      GatePolicy policy;
      policy.fail_on_empty = false;
      const Totals totals = evaluate(run.value(), policy).totals;
      CHECK(totals.tests == expected["tests"].get<std::uint64_t>());
      CHECK(totals.passed == expected["passed"].get<std::uint64_t>());
      CHECK(totals.failures == expected["failures"].get<std::uint64_t>());
      CHECK(totals.errors == expected["errors"].get<std::uint64_t>());
      CHECK(totals.skipped == expected["skipped"].get<std::uint64_t>());
      CHECK(totals.flaky == expected["flaky"].get<std::uint64_t>());
      ++checked;
    }
    CHECK(checked >= 40);
  }
}
