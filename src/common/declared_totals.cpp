#include <gatekit/common/declared_totals.hpp>

namespace gatekit {

void add_declared(std::optional<std::uint64_t>& sum, const std::optional<std::uint64_t>& part) {
  if (part) {
    sum = sum.value_or(0) + *part;
  }
}

std::optional<TotalMismatch> compare_totals(std::initializer_list<TotalCheck> checks) {
  TotalMismatch mismatch;
  for (const TotalCheck& check : checks) {
    if (check.declared && *check.declared != check.counted) {
      const char* separator = mismatch.declared.empty() ? "" : " ";
      mismatch.declared +=
          separator + std::string(check.name) + "=" + std::to_string(*check.declared);
      mismatch.counted += separator + std::string(check.name) + "=" + std::to_string(check.counted);
    }
  }
  if (mismatch.declared.empty()) {
    return std::nullopt;
  }
  return mismatch;
}

} // namespace gatekit
