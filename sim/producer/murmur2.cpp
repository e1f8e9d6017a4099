// Utils.murmur2, step for step: uint32 arithmetic wraps like Java's int, `>>` on uint32 is
// Java's `>>>`, blocks are little-endian, and the tail falls through from 3 bytes to 1.
#include "sim/producer/murmur2.h"

#include "engine/assert.h"

namespace kafkasim::producer {

std::int32_t murmur2(std::span<const std::uint8_t> bytes) {
    constexpr std::uint32_t seed = 0x9747b28cu;
    constexpr std::uint32_t m = 0x5bd1e995u;
    constexpr int r = 24;
    const std::size_t length = bytes.size();
    std::uint32_t h = seed ^ static_cast<std::uint32_t>(length);
    const std::size_t blocks = length / 4;
    for (std::size_t i = 0; i < blocks; ++i) {
        const std::size_t at = 4 * i;
        std::uint32_t k = std::uint32_t{bytes[at]} | std::uint32_t{bytes[at + 1]} << 8 |
                          std::uint32_t{bytes[at + 2]} << 16 | std::uint32_t{bytes[at + 3]} << 24;
        k *= m;
        k ^= k >> r;
        k *= m;
        h *= m;
        h ^= k;
    }
    const std::size_t base = length & ~std::size_t{3};
    switch (length % 4) {
        case 3:
            h ^= std::uint32_t{bytes[base + 2]} << 16;
            [[fallthrough]];
        case 2:
            h ^= std::uint32_t{bytes[base + 1]} << 8;
            [[fallthrough]];
        case 1:
            h ^= std::uint32_t{bytes[base]};
            h *= m;
            break;
        default:
            break;
    }
    h ^= h >> 13;
    h *= m;
    h ^= h >> 15;
    return static_cast<std::int32_t>(h);
}

std::int32_t murmur2(std::string_view bytes) {
    return murmur2(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                                 bytes.size()));
}

std::int32_t partition_for_key(std::string_view key_bytes, std::int32_t num_partitions) {
    SIM_ASSERT(num_partitions > 0, "a topic has at least one partition");
    return to_positive(murmur2(key_bytes)) % num_partitions;
}

}  // namespace kafkasim::producer
