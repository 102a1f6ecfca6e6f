// The machine's own state: disk and memory. The only POSIX/Linux-specific
// code of health-check (statvfs, /proc/meminfo) lives here, so a port to
// another system replaces this file alone.

#include <sys/statvfs.h>

#include <gatekit/common/file_io.hpp>
#include <gatekit/health/probes.hpp>

#include <cerrno>
#include <cstring>

namespace gatekit::health {

Result<DiskUsage> read_disk_usage(const std::string& path) {
  struct statvfs info {};
  if (statvfs(path.c_str(), &info) != 0) {
    return make_error(path, std::string("cannot read file system usage: ") + std::strerror(errno));
  }
  const std::uint64_t fragment = info.f_frsize != 0 ? info.f_frsize : info.f_bsize;
  DiskUsage usage;
  usage.used = (static_cast<std::uint64_t>(info.f_blocks) - info.f_bfree) * fragment;
  usage.available = static_cast<std::uint64_t>(info.f_bavail) * fragment;
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
