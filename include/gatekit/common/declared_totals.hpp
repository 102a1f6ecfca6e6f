#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

namespace gatekit {

// Reports carry totals of their own (JUnit's tests=/failures=, Cobertura's
// lines-valid=, LCOV's LF/LH) that often disagree with their records. gatekit
// counts the records and warns about the difference; these are the shared
// pieces of that warning.

// Adds an optional declared total into a sum that stays absent until some
// part declares one.
void add_declared(std::optional<std::uint64_t>& sum, const std::optional<std::uint64_t>& part);

// One total: its name, what the report declares (if anything) and what its
// records give.
struct TotalCheck {
  const char* name;
  std::optional<std::uint64_t> declared;
  std::uint64_t counted = 0;
};

// The totals that disagree, each as "name=value" pairs joined by spaces.
struct TotalMismatch {
  std::string declared;
  std::string counted;
};

// nullopt when every declared total equals its count (or is not declared).
std::optional<TotalMismatch> compare_totals(std::initializer_list<TotalCheck> checks);

} // namespace gatekit
