#pragma once

#include <cstdint>
#include <string_view>

namespace gatekit::flags {

// Austin Appleby's public-domain MurmurHash3_x86_32 over the bytes of `data`:
// the hash flagd's fractional operator buckets with (seed 0).
std::uint32_t murmur3_x86_32(std::string_view data, std::uint32_t seed = 0);

} // namespace gatekit::flags
