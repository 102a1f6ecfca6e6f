#include <gatekit/flags/murmur3.hpp>

namespace gatekit::flags {
namespace {

std::uint32_t rotl32(std::uint32_t x, int r) {
  return (x << r) | (x >> (32 - r));
}

} // namespace

std::uint32_t murmur3_x86_32(std::string_view data, std::uint32_t seed) {
  constexpr std::uint32_t c1 = 0xcc9e2d51;
  constexpr std::uint32_t c2 = 0x1b873593;
  const auto byte = [&data](std::size_t i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(data[i]));
  };
  const std::size_t blocks = data.size() / 4;
  std::uint32_t h1 = seed;
  for (std::size_t i = 0; i < blocks; ++i) {
    // Little-endian reads whatever the host's byte order.
    std::uint32_t k1 =
        byte(4 * i) | byte(4 * i + 1) << 8 | byte(4 * i + 2) << 16 | byte(4 * i + 3) << 24;
    k1 *= c1;
    k1 = rotl32(k1, 15);
    k1 *= c2;
    h1 ^= k1;
    h1 = rotl32(h1, 13);
    h1 = h1 * 5 + 0xe6546b64;
  }
  const std::size_t tail = blocks * 4;
  std::uint32_t k1 = 0;
  switch (data.size() & 3) {
  case 3:
    k1 ^= byte(tail + 2) << 16;
    [[fallthrough]];
  case 2:
    k1 ^= byte(tail + 1) << 8;
    [[fallthrough]];
  case 1:
    k1 ^= byte(tail);
    k1 *= c1;
    k1 = rotl32(k1, 15);
    k1 *= c2;
    h1 ^= k1;
  }
  h1 ^= static_cast<std::uint32_t>(data.size());
  h1 ^= h1 >> 16;
  h1 *= 0x85ebca6b;
  h1 ^= h1 >> 13;
  h1 *= 0xc2b2ae35;
  h1 ^= h1 >> 16;
  return h1;
}

} // namespace gatekit::flags
