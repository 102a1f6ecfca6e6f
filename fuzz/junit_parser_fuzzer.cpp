// libFuzzer target for the JUnit parser. Built with -fsanitize=fuzzer under
// GATEKIT_FUZZ, and with fuzz/replay_main.cpp as an ordinary test that runs
// the corpus, so every crash once found stays fixed.

#include <gatekit/junit/merge.hpp>
#include <gatekit/junit/parse.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

// Declared first: libFuzzer's entry point has no header of its own.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  gatekit::Result<gatekit::junit::Report> report = gatekit::junit::parse_junit(
      std::string(reinterpret_cast<const char*>(data), size), "fuzz.xml");
  if (report.ok()) {
    gatekit::junit::RunBuilder builder(gatekit::junit::MergeOptions{true});
    if (builder.add(std::move(report).value()).ok()) {
      (void)builder.finish();
    }
  }
  return 0;
}
