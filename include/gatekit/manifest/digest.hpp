#pragma once

#include <gatekit/common/error.hpp>

#include <cstdint>
#include <string>

namespace gatekit::manifest {

// A file's size and SHA-256.
struct FileDigest {
  std::uint64_t size = 0;
  std::string sha256; // lower-case hex
};

// Hashes a file with OpenSSL's SHA-256, streamed in 1 MiB blocks: memory stays
// flat whatever the file's size. Fails naming the path.
Result<FileDigest> sha256_file(const std::string& path);

// SHA-256 of bytes in memory (the manifest itself, for the `sha256` output).
std::string sha256_hex(const std::string& bytes);

} // namespace gatekit::manifest
