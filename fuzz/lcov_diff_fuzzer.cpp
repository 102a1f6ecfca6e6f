// libFuzzer target for the line-oriented text formats: LCOV tracefiles and
// unified diffs, fed to their parsers directly (no format detection), then
// merged and combined into diff coverage.

#include <gatekit/coverage/diff.hpp>
#include <gatekit/coverage/diff_coverage.hpp>
#include <gatekit/coverage/merge.hpp>
#include <gatekit/coverage/parse.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

// Declared first: libFuzzer's entry point has no header of its own.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  gatekit::Result<gatekit::coverage::CoverageReport> report =
      gatekit::coverage::parse_lcov(text, "fuzz.info");
  const gatekit::Result<std::vector<gatekit::coverage::ChangedFile>> diff =
      gatekit::coverage::parse_unified_diff(text, "fuzz.diff");
  if (report.ok()) {
    gatekit::coverage::CoverageMerger merger({}, {}, nullptr);
    merger.add(report.value());
    merger.add(std::move(report).value());
    const gatekit::coverage::MergedCoverage merged = merger.finish();
    if (diff.ok()) {
      (void)gatekit::coverage::compute_diff_coverage(merged, diff.value());
    }
  }
  return 0;
}
