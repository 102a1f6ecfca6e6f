#include <gatekit/coverage/diff.hpp>
#include <gatekit/coverage/diff_coverage.hpp>
#include <gatekit/coverage/merge.hpp>
#include <gatekit/coverage/parse.hpp>
#include <gatekit/coverage/paths.hpp>

#include <doctest/doctest.h>

using namespace gatekit;
using namespace gatekit::coverage;

namespace {

MergedCoverage merge(const std::vector<std::string>& reports, PathOptions paths = {},
                     PathFilter filter = {}) {
  CoverageMerger merger(std::move(paths), std::move(filter), nullptr);
  int index = 0;
  for (const std::string& text : reports) {
    Result<CoverageReport> report = parse_coverage(text, "r" + std::to_string(++index));
    REQUIRE(report.ok());
    merger.add(std::move(report).value());
  }
  return merger.finish();
}

} // namespace

TEST_SUITE("coverage::paths") {
  TEST_CASE("paths are normalised: backslashes, ./ and //") {
    CHECK(normalise_path(".\\src\\x.py") == "src/x.py");
    CHECK(normalise_path("src//a/../x.py") == "src/x.py");
    CHECK(normalise_path("./") == "");
  }

  TEST_CASE("a container path is mapped onto the workspace") {
    PathOptions options;
    options.maps = {{"/app", "."}};
    CHECK(resolve_report_path("/app/src/x.py", {}, options, nullptr) == "src/x.py");
    options.maps.clear();
    options.strip_prefixes = {"/app/"};
    CHECK(resolve_report_path("/app/src/x.py", {}, options, nullptr) == "src/x.py");
  }

  TEST_CASE("relative paths join a source root inside the repository, else --source-root") {
    PathOptions options;
    options.workspaces = {"/home/runner/work/r/r"};
    CHECK(resolve_report_path("pkg/x.py", {"/home/runner/work/r/r/src"}, options, nullptr) ==
          "src/pkg/x.py");
    CHECK(resolve_report_path("pkg/x.py", {"/elsewhere"}, options, nullptr) == "pkg/x.py");
    options.source_root = "lib";
    CHECK(resolve_report_path("pkg/x.py", {"/elsewhere"}, options, nullptr) == "lib/pkg/x.py");
    CHECK(resolve_report_path("C:\\repo\\src\\x.py", {},
                              PathOptions{{{"C:/repo", "."}}, {}, "", {}}, nullptr) == "src/x.py");
  }

  TEST_CASE("of several source roots the one where the file exists wins") {
    PathOptions options;
    const auto exists = [](const std::string& path) { return path == "b/x.py"; };
    CHECK(resolve_report_path("x.py", {"a", "b"}, options, exists) == "b/x.py");
  }
}

TEST_SUITE("coverage::merge") {
  TEST_CASE("shards merge: union of lines, hits added, covered if any covers") {
    const MergedCoverage merged =
        merge({"SF:a.c\nDA:1,1\nDA:2,0\nend_of_record\n",
               "SF:./a.c\nDA:2,3\nDA:3,0\nend_of_record\nSF:b.c\nDA:1,0\nend_of_record\n"});
    REQUIRE(merged.files.size() == 2);
    CHECK(merged.files[0].path == "a.c");
    const Counts counts = merged.totals();
    CHECK(counts.lines_valid == 4);
    CHECK(counts.lines_covered == 2);
    CHECK(merged.files[0].lines[1].hits == 3);
  }

  TEST_CASE("LCOV branches merge by identity") {
    const MergedCoverage merged =
        merge({"SF:a.c\nDA:1,1\nBRDA:1,0,0,1\nBRDA:1,0,1,0\nend_of_record\n",
               "SF:a.c\nDA:1,1\nBRDA:1,0,0,0\nBRDA:1,0,1,2\nend_of_record\n"});
    CHECK(merged.totals().branches_valid == 2);
    CHECK(merged.totals().branches_covered == 2);
  }

  TEST_CASE("Cobertura branches without identity merge by each line's maximum") {
    const std::string a =
        "<coverage><packages><package><classes><class filename=\"a.py\"><lines>"
        "<line number=\"1\" hits=\"1\" branch=\"true\" condition-coverage=\"50% (1/2)\"/>"
        "</lines></class></classes></package></packages></coverage>";
    const MergedCoverage merged = merge({a, a});
    CHECK(merged.totals().branches_valid == 2);
    CHECK(merged.totals().branches_covered == 1);
  }

  TEST_CASE("include and exclude globs apply to repository paths") {
    PathFilter filter;
    filter.exclude = {"tests/*"};
    const MergedCoverage merged =
        merge({"SF:src/a.c\nDA:1,1\nend_of_record\nSF:tests/unit/t.c\nDA:1,0\nend_of_record\n"}, {},
              filter);
    REQUIRE(merged.files.size() == 1);
    CHECK(merged.reports[0].files_excluded == 1);
  }
}

TEST_SUITE("coverage::diff") {
  TEST_CASE("a malformed hunk header is an error with the diff's line") {
    const Result<std::vector<ChangedFile>> diff =
        parse_unified_diff("+++ b/a.py\n@@ nonsense @@\n", "d.diff");
    REQUIRE_FALSE(diff.ok());
    CHECK(diff.error().to_string() == "d.diff:2:1: malformed hunk header: '@@ nonsense @@'");
  }

  TEST_CASE("added lines count; context and deleted lines do not; deleted files are left out") {
    const std::string text =
        "diff --git a/src/a.py b/src/a.py\nindex 1..2 100644\n--- a/src/a.py\n+++ b/src/a.py\n"
        "@@ -1,4 +1,5 @@\n line1\n-old2\n+new2\n+new3\n line4\n line5\n\\ No newline at end of "
        "file\n"
        "@@ -10,2 +11,0 @@\n-gone\n-gone too\n"
        "diff --git a/old.py b/old.py\ndeleted file mode 100644\n--- a/old.py\n+++ /dev/null\n"
        "@@ -1 +0,0 @@\n-x\n"
        "diff --git a/b.py b/c.py\nsimilarity index 90%\nrename from b.py\nrename to c.py\n"
        "--- a/b.py\n+++ b/c.py\n@@ -3 +3 @@\n-y\n+z\n";
    const Result<std::vector<ChangedFile>> diff = parse_unified_diff(text, "d.diff");
    REQUIRE(diff.ok());
    REQUIRE(diff.value().size() == 2);
    CHECK(diff.value()[0].path == "src/a.py");
    CHECK(diff.value()[0].lines == std::vector<std::uint32_t>{2, 3});
    CHECK(diff.value()[1].path == "c.py");
    CHECK(diff.value()[1].lines == std::vector<std::uint32_t>{3});
  }

  TEST_CASE("a line that looks like a file header inside a hunk is content") {
    const std::string text = "--- a/a.txt\n+++ b/a.txt\n@@ -1,1 +1,2 @@\n line\n+++ not a header\n";
    const Result<std::vector<ChangedFile>> diff = parse_unified_diff(text, "d.diff");
    REQUIRE(diff.ok());
    REQUIRE(diff.value().size() == 1);
    CHECK(diff.value()[0].lines == std::vector<std::uint32_t>{2});
  }

  TEST_CASE("diff coverage counts measured changed lines and merges uncovered ranges") {
    const MergedCoverage merged =
        merge({"SF:a.c\nDA:1,1\nDA:2,0\nDA:4,0\nDA:5,1\nDA:6,0\nend_of_record\n"});
    const std::vector<ChangedFile> changes = {{"a.c", {1, 2, 3, 4, 6, 9}}, {"docs.md", {1}}};
    const DiffCoverage diff = compute_diff_coverage(merged, changes);
    CHECK(diff.lines_valid == 4);
    CHECK(diff.lines_covered == 1);
    REQUIRE(diff.files.size() == 2);
    CHECK(diff.files[0].uncovered == std::vector<std::uint32_t>{2, 4, 6});
    CHECK(diff.files[0].uncovered_ranges == std::vector<LineRange>{{2, 4}, {6, 6}});
    CHECK_FALSE(diff.files[1].in_report);
  }
}

TEST_SUITE("coverage::review fixes") {
  TEST_CASE("git's C-quoted paths are decoded") {
    const Result<std::vector<ChangedFile>> diff = parse_unified_diff(
        "+++ \"b/src/caf\\303\\251 \\\"x\\\".py\"\n@@ -0,0 +1 @@\n+a\n", "d.diff");
    REQUIRE(diff.ok());
    CHECK(diff.value()[0].path == "src/caf\xC3\xA9 \"x\".py");
  }

  TEST_CASE("a concatenated tracefile merges like its runs given as separate files") {
    const std::string run1 = "SF:a.py\nDA:1,1\nBRDA:2,0,0,1\nBRDA:3,0,1,-\nend_of_record\n";
    const std::string run2 = "SF:a.py\nDA:1,1\nBRDA:3,0,0,1\nBRDA:2,0,1,-\nend_of_record\n";
    const Counts together = merge({run1 + run2}).totals();
    const Counts apart = merge({run1, run2}).totals();
    CHECK(together.branches_valid == 2);
    CHECK(together.branches_covered == 2);
    CHECK(apart.branches_valid == together.branches_valid);
    CHECK(apart.branches_covered == together.branches_covered);
  }

  TEST_CASE("hits saturate instead of wrapping to uncovered") {
    const MergedCoverage merged =
        merge({"SF:a.c\nDA:1,9223372036854775807\nend_of_record\n",
               "SF:a.c\nDA:1,9223372036854775807\nDA:1,2\nend_of_record\n"});
    CHECK(merged.totals().lines_covered == 1);
  }

  TEST_CASE("branches of one file from two formats are merged with a warning") {
    const std::string lcov = "SF:a.py\nDA:1,1\nBRDA:1,0,0,1\nBRDA:1,0,1,0\nend_of_record\n";
    const std::string cobertura =
        "<coverage><packages><package><classes><class filename=\"a.py\"><lines>"
        "<line number=\"1\" hits=\"1\" branch=\"true\" condition-coverage=\"50% (1/2)\"/>"
        "</lines></class></classes></package></packages></coverage>";
    const MergedCoverage merged = merge({lcov, cobertura});
    REQUIRE(merged.reports[1].warnings.size() == 1);
    CHECK(merged.reports[1].warnings[0].find("approximate") != std::string::npos);
  }
}
