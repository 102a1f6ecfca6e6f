#pragma once

#include <gatekit/common/error.hpp>

#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace gatekit {

// Reads a whole file; fails with a message naming the path (missing,
// a directory, unreadable).
Result<std::string> read_file(const std::string& path);

// Reads the open descriptor `fd` to its end, `buffer`'s size at a time,
// retrying interrupted reads, and hands each block to `consume`; stops at the
// first error, either a read error (naming `path`) or `consume`'s own. The
// caller opens and closes `fd`.
Status read_blocks(int fd, const std::string& path, std::span<char> buffer,
                   const std::function<Status(std::string_view)>& consume);

// Streams a regular file to `consume` in blocks of `buffer`'s size, with a
// sequential read-ahead hint. Anything but a regular file (a FIFO, device or
// directory) is refused before reading, and opening a FIFO named by mistake
// cannot hang.
Status stream_regular_file(const std::string& path, std::span<char> buffer,
                           const std::function<Status(std::string_view)>& consume);

// Replaces `path` with `content` atomically: written to a temporary file in
// the same directory, flushed, then renamed, so readers never see a partial file.
// Missing parent directories are created first.
Status write_file_atomic(const std::string& path, std::string_view content);

// The two halves of write_file_atomic, for writing several files all or
// nothing: the content goes to a new temporary file beside `path` (missing
// parent directories are created), whose name is returned ...
Result<std::string> write_temporary_beside(const std::string& path, std::string_view content);

// ... and is moved into place here. discard_temporary removes one unused.
Status commit_temporary(const std::string& temporary, const std::string& path);
void discard_temporary(const std::string& temporary);

// Appends `content` to `path` in one write (GitHub's GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY are append-only files shared by the steps of a job).
Status append_to_file(const std::string& path, std::string_view content);

} // namespace gatekit
