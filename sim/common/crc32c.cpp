#include "sim/common/crc32c.h"

#include <array>
#include <cstring>

namespace kafkasim {

namespace {

using Table = std::array<std::uint32_t, 256>;

// Slicing-by-8: table k holds the CRC of a byte followed by k zero bytes, so eight bytes are
// folded in with eight lookups instead of eight dependent steps. The result is the same as the
// bytewise loop's, on every machine (bytes are assembled explicitly, whatever the endianness).
constexpr std::array<Table, 8> make_tables() {
    std::array<Table, 8> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        t[0][i] = c;
    }
    for (std::size_t k = 1; k < 8; ++k)
        for (std::uint32_t i = 0; i < 256; ++i) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xff];
    return t;
}

constexpr std::array<Table, 8> tables = make_tables();

std::uint32_t load32(const std::uint8_t* p) {
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// SSE4.2's crc32 instruction computes exactly CRC-32C, so it gives the same value as the
// tables, bit for bit; it is chosen at run time (the build never targets the local CPU:
// design.md) and is several times faster for the log's batches.
__attribute__((target("sse4.2"))) std::uint32_t crc32c_sse42(const std::uint8_t* p, std::size_t n, std::uint32_t crc) {
    std::uint64_t c = crc;
    for (; n >= 8; n -= 8, p += 8) {
        std::uint64_t v = 0;
        std::memcpy(&v, p, 8);  // little-endian, as on every x86-64
        c = __builtin_ia32_crc32di(c, v);
    }
    auto c32 = static_cast<std::uint32_t>(c);
    for (; n > 0; --n, ++p) c32 = __builtin_ia32_crc32qi(c32, *p);
    return c32;
}

bool has_sse42() {
    static const bool has = (__builtin_cpu_init(), __builtin_cpu_supports("sse4.2"));
    return has;
}
#endif

}  // namespace

std::uint32_t crc32c(std::span<const std::uint8_t> bytes, std::uint32_t crc) {
    crc = ~crc;
    const std::uint8_t* p = bytes.data();
    std::size_t n = bytes.size();
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    if (has_sse42()) return ~crc32c_sse42(p, n, crc);
#endif
    for (; n >= 8; n -= 8, p += 8) {
        const std::uint32_t lo = crc ^ load32(p);
        const std::uint32_t hi = load32(p + 4);
        crc = tables[7][lo & 0xff] ^ tables[6][(lo >> 8) & 0xff] ^ tables[5][(lo >> 16) & 0xff] ^ tables[4][lo >> 24] ^
              tables[3][hi & 0xff] ^ tables[2][(hi >> 8) & 0xff] ^ tables[1][(hi >> 16) & 0xff] ^ tables[0][hi >> 24];
    }
    for (; n > 0; --n, ++p) crc = tables[0][(crc ^ *p) & 0xff] ^ (crc >> 8);
    return ~crc;
}

}  // namespace kafkasim
