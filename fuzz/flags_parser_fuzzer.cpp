// libFuzzer target for flag files in both formats and both syntaxes: the
// first byte picks JSON or YAML, the rest is the file. Every parsed file is
// also checked, evaluated for a user and rendered, so the whole pipeline
// behind `flag-validate` and `eval` sees the input. Built with
// -fsanitize=fuzzer under GATEKIT_FUZZ, and with fuzz/replay_main.cpp as an
// ordinary test that runs the corpus, so every crash once found stays fixed.

#include <gatekit/flags/check.hpp>
#include <gatekit/flags/diff.hpp>
#include <gatekit/flags/evaluate.hpp>
#include <gatekit/flags/parse.hpp>
#include <gatekit/flags/report.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

// Declared first: libFuzzer's entry point has no header of its own.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::string name = (data[0] & 1) != 0 ? "fuzz.yaml" : "fuzz.json";
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  gatekit::Result<gatekit::flags::FlagFile> file = gatekit::flags::parse_flag_file(text, name);
  if (!file.ok()) {
    return 0;
  }
  const gatekit::flags::Instant at = 1761048000 * gatekit::flags::k_second; // 2025-10-21T12:00:00Z
  gatekit::flags::ValidationRun run;
  run.at = at;
  std::vector<gatekit::flags::Finding> findings = file.value().findings;
  for (gatekit::flags::Finding& finding : gatekit::flags::check_schedule(file.value(), at)) {
    findings.push_back(std::move(finding));
  }
  run.verdict = gatekit::flags::decide(std::move(findings), false);
  run.files.push_back(file.value());
  (void)gatekit::flags::render_validation_text(run);
  (void)gatekit::flags::render_validation_markdown(run, gatekit::flags::RenderOptions{});
  (void)gatekit::flags::render_validation_json(run);
  const gatekit::flags::EvalContext context{at, std::string("user-1"), std::string("eu")};
  const auto results = gatekit::flags::evaluate_flags(file.value(), context);
  (void)gatekit::flags::render_eval_json(file.value(), context, results);
  (void)gatekit::flags::diff_flags(file.value(), file.value());
  return 0;
}
