// Kafka's zig-zag varints (ByteUtils.writeVarint / writeVarlong), as record batch format v2
// writes every length and delta of a record. The batch's size (record_batch.h) and its
// encoding (sim/log/batch_codec.cpp) both count with these, so that they cannot disagree.
#pragma once

#include <cstdint>

namespace kafkasim {

// Zig-zag maps small magnitudes of either sign to small numbers (0, -1, 1, -2 -> 0, 1, 2, 3),
// so that a -1 (a null key's length) takes one byte, not ten.
constexpr std::uint64_t zigzag(std::int64_t v) {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}

// Bytes of the varint of `v`: 7 bits a byte, at least one byte. A loop rather than a formula on
// the bit width: a record's lengths and deltas are small, so its branch is predicted, and measured
// it beat both (bit_width + 6) / 7 and protobuf's (log2 * 9 + 73) / 64 per record.
constexpr std::int64_t varint_size(std::int64_t v) {
    std::int64_t n = 1;
    for (auto u = zigzag(v); u >= 0x80; u >>= 7) ++n;
    return n;
}

}  // namespace kafkasim
