#pragma once

// The part of JSONLogic flagd targeting rules use for rollouts, evaluated
// over document nodes: var, if, ==, !=, ===, !==, !, !!, and, or, <, <=, >,
// >=, in, cat, starts_with, ends_with, and flagd's fractional. Other
// operators (sem_ver, map, ...) are reported, not guessed.

#include <gatekit/flags/document.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gatekit::flags {

// One fractional bucket: a variant (any value) and its whole-number weight.
struct Bucket {
  Node variant;
  std::int64_t weight = 1;
};

// flagd's fractional split (flagd core/pkg/evaluator/fractional.go, the
// "v2" integer bucketing): murmur3_x86_32(key, seed 0) as an unsigned 32-bit
// value h, bucket = (h * total_weight) >> 32, and the first bucket whose
// running weight exceeds it wins. nullopt when the weights add up to 0.
std::optional<Node> pick_bucket(const std::string& key, const std::vector<Bucket>& buckets);

// The outcome of a rule: its value, or why it could not be computed.
struct LogicResult {
  Node value;              // null when the rule yields nothing (flagd: default variant)
  std::string unsupported; // the first operator not evaluated; "" when none
  std::string error;       // e.g. "no targetingKey to bucket by"
};

// Evaluates `rule` against `data` (an object: targetingKey, region, $flagd...).
LogicResult evaluate_logic(const Node& rule, const Node& data);

} // namespace gatekit::flags
