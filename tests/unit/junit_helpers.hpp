#pragma once

// Builds TestRuns from inline XML for the junit unit tests.

#include <gatekit/junit/merge.hpp>
#include <gatekit/junit/parse.hpp>

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

namespace gatekit::junit::testing {

// One report per XML string, named shard-1.xml, shard-2.xml, ...
inline TestRun run_of(const std::vector<std::string>& documents, MergeOptions options = {}) {
  RunBuilder builder(options);
  int index = 0;
  for (const std::string& xml : documents) {
    Result<Report> report = parse_junit(xml, "shard-" + std::to_string(++index) + ".xml");
    REQUIRE(report.ok());
    REQUIRE(builder.add(std::move(report).value()).ok());
  }
  return builder.finish();
}

// A <testsuite> holding the given cases.
inline std::string suite(const std::string& cases) {
  return "<testsuite name='s'>" + cases + "</testsuite>";
}

inline std::string passing(const std::string& name, const std::string& classname = "c") {
  return "<testcase classname='" + classname + "' name='" + name + "'/>";
}

inline std::string failing(const std::string& name, const std::string& classname = "c") {
  return "<testcase classname='" + classname + "' name='" + name +
         "' file='t.py' line='3'>"
         "<failure message='boom'>trace</failure></testcase>";
}

inline std::string skipped(const std::string& name) {
  return "<testcase classname='c' name='" + name + "'><skipped/></testcase>";
}

// n passing cases named p0..p(n-1).
inline std::string passing_cases(int n) {
  std::string cases;
  for (int i = 0; i < n; ++i) {
    cases += passing("p" + std::to_string(i));
  }
  return cases;
}

} // namespace gatekit::junit::testing
