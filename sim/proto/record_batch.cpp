#include "sim/proto/record_batch.h"

#include <algorithm>

namespace kafkasim {

namespace {

std::int64_t varint_size(std::int64_t v) {
    // Kafka writes zig-zag varints: small magnitudes take one byte.
    auto u = static_cast<std::uint64_t>((v << 1) ^ (v >> 63));
    std::int64_t n = 1;
    while (u >= 0x80) {
        u >>= 7;
        ++n;
    }
    return n;
}

}  // namespace

std::int64_t record_size_in_batch(const Record& r, std::int64_t offset_delta, std::int64_t timestamp_delta) {
    const std::int64_t key_len = r.key ? static_cast<std::int64_t>(r.key->size()) : -1;
    const auto value_len = static_cast<std::int64_t>(r.value.size());
    std::int64_t body = 1;  // attributes
    body += varint_size(timestamp_delta);
    body += varint_size(offset_delta);
    body += varint_size(key_len) + std::max<std::int64_t>(key_len, 0);
    body += varint_size(value_len) + value_len;
    body += varint_size(0);  // header count
    return varint_size(body) + body;
}

std::int64_t RecordBatch::max_timestamp_ms() const {
    std::int64_t m = -1;
    for (const Record& r : records) m = std::max(m, r.timestamp_ms);
    return m;
}

std::int64_t RecordBatch::size_bytes() const {
    std::int64_t total = record_batch_overhead;
    std::int64_t delta = 0;
    for (const Record& r : records) total += record_size_in_batch(r, delta++, r.timestamp_ms - records.front().timestamp_ms);
    return total;
}

}  // namespace kafkasim
