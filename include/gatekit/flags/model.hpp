#pragma once

// A feature-flag file in one of the two formats flag-validate reads, copied
// out of the document into plain structs, and the findings about it.

#include <gatekit/flags/document.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gatekit::flags {

// UTC instant in microseconds since 1970-01-01T00:00:00Z: RFC 3339 allows
// fractional seconds, and 00.1 must still come before 00.9.
using Instant = std::int64_t;
inline constexpr Instant k_second = 1'000'000;

enum class Format { own, flagd };

enum class Severity { error, warning };

// Where a finding points: the file, line, column and JSON Pointer.
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
  std::string json_path;
};

// One problem found in a flag file, policy or workflow.
struct Finding {
  Severity severity = Severity::error;
  std::string code; // stable identifier, e.g. "wrong-type", "safety-flag-on"
  std::string message;
  Location where;
  std::string flag; // the flag it concerns; "" for file-level findings
};

// The location of `node` in `file`.
Location locate(const std::string& file, const Node& node);

enum class Strategy { all_at_once, percentage, progressive, canary };

// "all_at_once", "percentage", "progressive", "canary".
const char* strategy_name(Strategy strategy);

struct Milestone {
  Instant date = 0;
  double percentage = 0;
  std::string description;
};

// The own format's progressive_config (and canary lists).
struct ProgressiveConfig {
  double initial_percentage = 0;
  double end_percentage = 100;
  std::optional<Instant> start; // absent or not RFC 3339
  std::optional<Instant> end;
  std::vector<std::string> canary_users;
  std::vector<std::string> canary_regions;
  std::vector<Milestone> milestones;
};

// A flagd variant: its name and its value rendered as compact JSON.
struct Variant {
  std::string name;
  std::string value_json;
};

// One flag of either format; fields of the other format stay empty.
struct Flag {
  std::string key;
  Location where; // the flag's entry
  // Own format.
  bool enabled = false;
  Strategy strategy = Strategy::all_at_once;
  std::optional<double> rollout_percentage;
  std::optional<ProgressiveConfig> progressive;
  std::string description;
  Location enabled_at;    // "enabled" (flagd: "state"), or the flag when absent
  Location strategy_at;   // where to point rollout findings
  Location percentage_at; // rollout_percentage, or the flag when absent
  // flagd.
  std::string state; // "ENABLED" or "DISABLED"
  std::vector<Variant> variants;
  std::optional<std::string> default_variant;
  std::optional<Node> targeting; // $ref already resolved against $evaluators
};

// A parsed flag file: its flags in file order and the findings that need no clock.
struct FlagFile {
  std::string path;
  Format format = Format::own;
  Syntax syntax = Syntax::json;
  Location flags_at; // the "flags" object
  std::vector<Flag> flags;
  std::vector<Finding> findings;

  const Flag* find(std::string_view key) const;
};

// Whether users get the flag, for policy and drift. Own format: "enabled".
// flagd: state ENABLED and, for a boolean flag (every variant a boolean),
// its defaultVariant's value is true, since that is what users get; other
// flagd flags are on when ENABLED. Targeting is not considered.
bool is_on(const Flag& flag);

// The safety switches of the design documents: on means the system is degraded.
const std::vector<std::string>& safety_flags();

} // namespace gatekit::flags
