// The machine's own state: disk (statvfs, in the core's system_stats.cpp)
// and memory (/proc/meminfo: Linux; a port reads the system's equivalent).

#include <gatekit/common/file_io.hpp>
#include <gatekit/common/system_stats.hpp>
#include <gatekit/health/probes.hpp>

namespace gatekit::health {

Result<DiskUsage> read_disk_usage(const std::string& path) {
  Result<FileSystemSpace> space = file_system_space(path);
  if (!space) {
    return space.error();
  }
  DiskUsage usage;
  usage.used = space.value().used;
  usage.available = space.value().available;
  usage.total = usage.used + usage.available;
  return usage;
}

Result<MemoryInfo> read_memory_info() {
  const std::string path = "/proc/meminfo";
  Result<std::string> text = read_file(path);
  if (!text) {
    return text.error();
  }
  Result<MemoryInfo> memory = parse_meminfo(text.value());
  if (!memory) {
    return make_error(path, memory.error().message);
  }
  return memory;
}

} // namespace gatekit::health
