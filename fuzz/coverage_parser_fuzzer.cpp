// libFuzzer target for the coverage parsers (Cobertura, JaCoCo, Clover, LCOV)
// and the unified-diff parser. For Cobertura it is differential: when the
// chunked reader accepts an input, the whole-document reader must agree.

#include "../src/common/xml_document.hpp"
#include "../src/coverage/xml_formats.hpp"

#include <gatekit/coverage/diff.hpp>
#include <gatekit/coverage/diff_coverage.hpp>
#include <gatekit/coverage/merge.hpp>
#include <gatekit/coverage/parse.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

// Declared first: libFuzzer's entry point has no header of its own.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void compare_cobertura_readers(const std::string& text) {
  const std::optional<gatekit::Result<gatekit::coverage::CoverageReport>> chunked =
      gatekit::coverage::detail::read_cobertura_chunked(text, "fuzz.xml");
  if (!chunked || !chunked->ok()) {
    return;
  }
  std::string copy = text;
  pugi::xml_document document;
  gatekit::Result<pugi::xml_node> root = gatekit::xml::load_document(
      document, copy, "fuzz.xml",
      gatekit::xml::DocumentKind{"", gatekit::xml::DoctypePolicy::allow_external_ids});
  if (!root || std::string_view(root.value().name()) != "coverage") {
    std::abort(); // the chunked reader accepted what the whole-document reader rejects
  }
  const gatekit::Result<gatekit::coverage::CoverageReport> whole =
      gatekit::coverage::detail::read_cobertura(root.value(), "fuzz.xml");
  if (!whole.ok() || whole.value().files.size() != chunked->value().files.size()) {
    std::abort();
  }
  for (size_t i = 0; i < whole.value().files.size(); ++i) {
    const auto a = gatekit::coverage::count_file(whole.value().files[i]);
    const auto b = gatekit::coverage::count_file(chunked->value().files[i]);
    if (a.lines_valid != b.lines_valid || a.lines_covered != b.lines_covered ||
        a.branches_valid != b.branches_valid || a.branches_covered != b.branches_covered) {
      std::abort();
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  compare_cobertura_readers(text);
  gatekit::Result<gatekit::coverage::CoverageReport> report =
      gatekit::coverage::parse_coverage(text, "fuzz");
  const gatekit::Result<std::vector<gatekit::coverage::ChangedFile>> diff =
      gatekit::coverage::parse_unified_diff(text, "fuzz.diff");
  if (report.ok()) {
    gatekit::coverage::CoverageMerger merger({}, {}, nullptr);
    merger.add(report.value());
    merger.add(std::move(report).value()); // merging with itself exercises the folds
    const gatekit::coverage::MergedCoverage merged = merger.finish();
    if (diff.ok()) {
      (void)gatekit::coverage::compute_diff_coverage(merged, diff.value());
    }
  }
  return 0;
}
