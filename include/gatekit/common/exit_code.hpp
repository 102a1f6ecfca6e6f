#pragma once

namespace gatekit {

// The process exit codes shared by every gatekit tool. "The gate said no"
// (gate_failed) must never look like "the tool broke" (usage_or_input_error).
enum class ExitCode : int {
  gate_passed = 0,
  gate_failed = 1,
  usage_or_input_error = 2,
};

constexpr int to_int(ExitCode code) {
  return static_cast<int>(code);
}

} // namespace gatekit
