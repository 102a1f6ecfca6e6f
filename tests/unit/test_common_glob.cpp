#include <gatekit/common/glob.hpp>

#include <doctest/doctest.h>

#include <string>

using gatekit::glob_match;
using gatekit::GlobMode;

TEST_SUITE("common::glob") {
  TEST_CASE("an unterminated class is a literal bracket, not an error") {
    CHECK(glob_match("a[b", "a[b"));
    CHECK_FALSE(glob_match("a[b", "ab"));
  }

  TEST_CASE("star does not cross a slash in path mode") {
    CHECK(glob_match("reports/*.xml", "reports/a.xml"));
    CHECK_FALSE(glob_match("reports/*.xml", "reports/sub/a.xml"));
    CHECK_FALSE(glob_match("*.xml", "a.json"));
  }

  TEST_CASE("double star matches any depth, including none") {
    CHECK(glob_match("reports/**/*.xml", "reports/a.xml"));
    CHECK(glob_match("reports/**/*.xml", "reports/shard-1/deep/a.xml"));
    CHECK(glob_match("**/TEST-*.xml", "module/target/surefire-reports/TEST-x.xml"));
    CHECK(glob_match("**/TEST-*.xml", "TEST-x.xml"));
    CHECK_FALSE(glob_match("reports/**/*.xml", "other/a.xml"));
  }

  TEST_CASE("question mark and character classes match one character") {
    CHECK(glob_match("shard-?.xml", "shard-3.xml"));
    CHECK_FALSE(glob_match("shard-?.xml", "shard-10.xml"));
    CHECK(glob_match("shard-[0-4].xml", "shard-3.xml"));
    CHECK_FALSE(glob_match("shard-[!0-4].xml", "shard-3.xml"));
    CHECK(glob_match("shard-[!0-4].xml", "shard-7.xml"));
  }

  TEST_CASE("text mode lets star cross slashes and dots, for test ids") {
    CHECK(glob_match("tests.api.*::test_login*", "tests.api.v2.TestAuth::test_login_ok",
                     GlobMode::text));
    CHECK(glob_match("*critical*", "a/b::critical_path", GlobMode::text));
    CHECK_FALSE(glob_match("tests.api.*", "tests.web.x", GlobMode::text));
  }

  TEST_CASE("a backslash escapes a metacharacter") {
    CHECK(glob_match("test\\[1\\]", "test[1]", GlobMode::text));
    CHECK_FALSE(glob_match("test\\[1\\]", "test1", GlobMode::text));
  }

  TEST_CASE("matching stays fast on inputs that make naive matchers backtrack") {
    const std::string text(5000, 'a');
    CHECK_FALSE(glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*b", text, GlobMode::text));
  }
}
