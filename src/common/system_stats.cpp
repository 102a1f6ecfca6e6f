// One of the few POSIX-specific files of the core (with file_io.cpp,
// process.cpp and regex.cpp): a port replaces these alone.

#include <sys/statvfs.h>

#include <gatekit/common/system_stats.hpp>

#include <cerrno>
#include <cstring>

namespace gatekit {

Result<FileSystemSpace> file_system_space(const std::string& path) {
  struct statvfs info {};
  if (statvfs(path.c_str(), &info) != 0) {
    return make_error(path, std::string("cannot read file system usage: ") + std::strerror(errno));
  }
  const std::uint64_t fragment = info.f_frsize != 0 ? info.f_frsize : info.f_bsize;
  FileSystemSpace space;
  space.used = (static_cast<std::uint64_t>(info.f_blocks) - info.f_bfree) * fragment;
  space.available = static_cast<std::uint64_t>(info.f_bavail) * fragment;
  return space;
}

} // namespace gatekit
