#include <gatekit/common/numbers.hpp>
#include <gatekit/common/text.hpp>
#include <gatekit/health/evaluate.hpp>

namespace gatekit::health {

Attempt evaluate_disk(const DiskProbe& probe, const DiskUsage& usage) {
  Attempt attempt;
  const std::uint64_t capacity = usage.used + usage.available;
  attempt.measurements = {{"used_bytes", static_cast<double>(usage.used)},
                          {"available_bytes", static_cast<double>(usage.available)}};
  // df rounds the percentage up, so "80%" on screen never hides 80.4%.
  const std::string used_text =
      capacity == 0 ? "0" : std::to_string((usage.used * 100 + capacity - 1) / capacity);
  attempt.measurements.emplace_back("used_percent", capacity == 0
                                                        ? 0.0
                                                        : 100.0 * static_cast<double>(usage.used) /
                                                              static_cast<double>(capacity));
  const std::string figures = used_text + "% used, " + format_byte_size(usage.available) + " free";
  if (probe.max_used && capacity > 0 &&
      !ratio_meets(usage.available, capacity, Percent{100'000'000 - probe.max_used->micro})) {
    attempt.detail = figures + ", more than the " + format_percent(*probe.max_used) + "% allowed";
    return attempt;
  }
  if (probe.min_free_bytes && usage.available < *probe.min_free_bytes) {
    attempt.detail =
        figures + ", less than the " + format_byte_size(*probe.min_free_bytes) + " required";
    return attempt;
  }
  attempt.ok = true;
  attempt.detail = figures;
  return attempt;
}

Result<MemoryInfo> parse_meminfo(std::string_view text) {
  MemoryInfo memory;
  bool have_total = false;
  bool have_available = false;
  for (const std::string& line : split_lines(text)) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos) {
      continue;
    }
    const std::string_view key = std::string_view(line).substr(0, colon);
    std::string_view value = trim(std::string_view(line).substr(colon + 1));
    if (key != "MemTotal" && key != "MemAvailable") {
      continue;
    }
    if (value.size() > 3 && value.substr(value.size() - 3) == " kB") {
      value.remove_suffix(3);
    }
    const std::optional<std::uint64_t> kib = parse_count(value);
    if (!kib || *kib > (UINT64_MAX >> 10)) {
      return Error{"unreadable " + std::string(key) + " line: \"" + line + "\"", {}};
    }
    (key == "MemTotal" ? memory.total : memory.available) = *kib * 1024;
    (key == "MemTotal" ? have_total : have_available) = true;
  }
  if (!have_total || !have_available) {
    return Error{"no MemTotal and MemAvailable lines (Linux 3.14 or later has both)", {}};
  }
  return memory;
}

Attempt evaluate_memory(const MemoryProbe& probe, const MemoryInfo& memory) {
  Attempt attempt;
  attempt.measurements = {{"available_bytes", static_cast<double>(memory.available)},
                          {"total_bytes", static_cast<double>(memory.total)}};
  const std::string figures =
      format_byte_size(memory.available) + " available of " + format_byte_size(memory.total);
  if (probe.min_available_bytes && memory.available < *probe.min_available_bytes) {
    attempt.detail =
        figures + ", less than the " + format_byte_size(*probe.min_available_bytes) + " required";
    return attempt;
  }
  if (probe.max_used && memory.total > 0 && memory.available <= memory.total &&
      !ratio_meets(memory.available, memory.total, Percent{100'000'000 - probe.max_used->micro})) {
    attempt.detail = figures + ", more than " + format_percent(*probe.max_used) + "% used";
    return attempt;
  }
  attempt.ok = true;
  attempt.detail = figures;
  return attempt;
}

} // namespace gatekit::health
