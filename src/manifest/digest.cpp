#include <gatekit/common/file_io.hpp>
#include <gatekit/manifest/digest.hpp>

#include <openssl/evp.h>

#include <memory>
#include <vector>

namespace gatekit::manifest {
namespace {

struct ContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

std::string to_hex(const unsigned char* bytes, unsigned length) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string text;
  text.reserve(length * 2);
  for (unsigned i = 0; i < length; ++i) {
    text += k_hex[bytes[i] >> 4];
    text += k_hex[bytes[i] & 0xF];
  }
  return text;
}

} // namespace

Result<FileDigest> sha256_file(const std::string& path) {
  std::unique_ptr<EVP_MD_CTX, ContextDeleter> context(EVP_MD_CTX_new());
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1) {
    return make_error(path, "OpenSSL could not start a SHA-256 digest");
  }
  std::vector<char> block(1 << 20);
  FileDigest digest;
  const Status read = stream_regular_file(path, block, [&](std::string_view data) -> Status {
    if (EVP_DigestUpdate(context.get(), data.data(), data.size()) != 1) {
      return make_error(path, "OpenSSL failed while hashing");
    }
    digest.size += data.size();
    return Done{};
  });
  if (!read) {
    return read.error();
  }
  unsigned char value[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  if (EVP_DigestFinal_ex(context.get(), value, &length) != 1) {
    return make_error(path, "OpenSSL failed while hashing");
  }
  digest.sha256 = to_hex(value, length);
  return digest;
}

std::string sha256_hex(const std::string& bytes) {
  unsigned char value[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  EVP_Digest(bytes.data(), bytes.size(), value, &length, EVP_sha256(), nullptr);
  return to_hex(value, length);
}

} // namespace gatekit::manifest
