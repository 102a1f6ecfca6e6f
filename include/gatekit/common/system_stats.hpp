#pragma once

// What the operating system says about the machine's resources.

#include <gatekit/common/error.hpp>

#include <cstdint>
#include <string>

namespace gatekit {

// Space on the file system holding a path, in bytes, as df counts it.
struct FileSystemSpace {
  std::uint64_t used = 0;      // total - free
  std::uint64_t available = 0; // free to unprivileged users
};

// statvfs() of the file system holding `path`.
Result<FileSystemSpace> file_system_space(const std::string& path);

} // namespace gatekit
