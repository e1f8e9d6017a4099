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

constexpr std::int64_t batch_overhead = 61;  // DefaultRecordBatch.RECORD_BATCH_OVERHEAD

}  // namespace

std::int64_t RecordBatch::max_timestamp_ms() const {
    std::int64_t m = -1;
    for (const Record& r : records) m = std::max(m, r.timestamp_ms);
    return m;
}

std::int64_t RecordBatch::size_bytes() const {
    std::int64_t total = batch_overhead;
    std::int64_t delta = 0;
    for (const Record& r : records) {
        const std::int64_t key_len = r.key ? static_cast<std::int64_t>(r.key->size()) : -1;
        const auto value_len = static_cast<std::int64_t>(r.value.size());
        std::int64_t body = 1;  // attributes
        body += varint_size(r.timestamp_ms - (records.empty() ? 0 : records.front().timestamp_ms));
        body += varint_size(delta++);
        body += varint_size(key_len) + std::max<std::int64_t>(key_len, 0);
        body += varint_size(value_len) + value_len;
        body += varint_size(0);  // header count
        total += varint_size(body) + body;
    }
    return total;
}

}  // namespace kafkasim
