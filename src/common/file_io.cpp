#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gatekit/common/file_io.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

// One of the two POSIX-specific files in gatekit's core (with process.cpp): descriptors give us
// fsync + rename for atomic replacement and O_APPEND for the shared files.

namespace gatekit {
namespace {

std::string errno_text(int error_number) {
  return std::strerror(error_number);
}

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    content.remove_prefix(static_cast<size_t>(written));
  }
  return true;
}

} // namespace

Result<std::string> read_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int saved = errno;
    if (saved == ENOENT) {
      return make_error(path, "no such file");
    }
    return make_error(path, "cannot open: " + errno_text(saved));
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
    ::close(fd);
    return make_error(path, "is a directory, not a file");
  }
  std::string content;
  if (info.st_size > 0) {
    content.reserve(static_cast<size_t>(info.st_size));
  }
  char chunk[1 << 16];
  const Status read = read_blocks(fd, path, chunk, [&content](std::string_view block) -> Status {
    content.append(block);
    return Done{};
  });
  ::close(fd);
  if (!read) {
    return read.error();
  }
  return content;
}

Status stream_regular_file(const std::string& path, std::span<char> buffer,
                           const std::function<Status(std::string_view)>& consume) {
  // O_NONBLOCK so a FIFO named by mistake cannot hang the open; anything but
  // a regular file (FIFO, device, directory) is refused before reading.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    return make_error(path, errno == ENOENT ? "no such file"
                                            : std::string("cannot open: ") + std::strerror(errno));
  }
  struct stat status {};
  if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
    ::close(fd);
    return make_error(path, S_ISDIR(status.st_mode) ? "is a directory, not a file"
                                                    : "is not a regular file");
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  const Status read = read_blocks(fd, path, buffer, consume);
  ::close(fd);
  return read;
}

Status read_blocks(int fd, const std::string& path, std::span<char> buffer,
                   const std::function<Status(std::string_view)>& consume) {
  while (true) {
    const ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got == 0) {
      return Done{};
    }
    if (got < 0) {
      if (errno == EINTR) {
        continue;
      }
      return make_error(path, "read failed: " + errno_text(errno));
    }
    if (Status consumed = consume(std::string_view(buffer.data(), static_cast<size_t>(got)));
        !consumed) {
      return consumed;
    }
  }
}

Result<std::string> write_temporary_beside(const std::string& path, std::string_view content) {
  const std::filesystem::path target(path);
  const std::filesystem::path directory =
      target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::error_code ignored;
  std::filesystem::create_directories(directory, ignored); // failure shows up in mkstemp below
  std::string temp_name = (directory / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp_name.data());
  if (fd < 0) {
    return make_error(path, "cannot create a temporary file beside it: " + errno_text(errno));
  }
  const bool written = write_all(fd, content) && ::fsync(fd) == 0;
  const int saved = errno;
  ::fchmod(fd, 0644);
  ::close(fd);
  if (!written) {
    ::unlink(temp_name.c_str());
    return make_error(path, "write failed: " + errno_text(saved));
  }
  return temp_name;
}

Status commit_temporary(const std::string& temporary, const std::string& path) {
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int rename_errno = errno;
    ::unlink(temporary.c_str());
    return make_error(path, "cannot replace: " + errno_text(rename_errno));
  }
  return Done{};
}

void discard_temporary(const std::string& temporary) {
  ::unlink(temporary.c_str());
}

Status write_file_atomic(const std::string& path, std::string_view content) {
  Result<std::string> temporary = write_temporary_beside(path, content);
  if (!temporary) {
    return temporary.error();
  }
  return commit_temporary(temporary.value(), path);
}

Status append_to_file(const std::string& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return make_error(path, "cannot open for appending: " + errno_text(errno));
  }
  const bool written = write_all(fd, content);
  const int saved = errno;
  ::close(fd);
  if (!written) {
    return make_error(path, "append failed: " + errno_text(saved));
  }
  return Done{};
}

} // namespace gatekit
