#include "sim/proto/record_batch.h"

#include <algorithm>

namespace kafkasim {

std::int64_t RecordBatch::max_timestamp_ms() const {
    std::int64_t m = -1;
    for (const Record& r : records) m = std::max(m, r.timestamp_ms);
    return m;
}

std::int64_t RecordBatch::size_bytes() const {
    if (records.empty()) return record_batch_overhead;
    const std::int64_t base_timestamp = records.front().timestamp_ms;
    std::int64_t total = record_batch_overhead;
    std::int64_t delta = 0;
    for (const Record& r : records) total += record_size_in_batch(r, delta++, r.timestamp_ms - base_timestamp);
    return total;
}

}  // namespace kafkasim
