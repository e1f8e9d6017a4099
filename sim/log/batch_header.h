// BatchHeader: what a stored record batch's v2 header says (batch_codec.h), without its records.
// It is all the log keeps in memory of a batch (segment.h): enough for the offset index,
// segment rolls and retention, the producer state and the leader-epoch cache. The records
// themselves stay in the segment file and are decoded from it when read (docs/log.md).
#pragma once

#include <cstdint>

#include "sim/common/ids.h"
#include "sim/proto/record_batch.h"

namespace kafkasim::log {

struct BatchHeader {
    Offset base_offset{0};
    std::int32_t count = 0;  // records; at least one in a stored batch
    LeaderEpoch partition_leader_epoch{-1};
    ProducerId producer_id = no_producer_id;
    ProducerEpoch producer_epoch = no_producer_epoch;
    Sequence base_sequence = no_sequence;
    std::int64_t max_timestamp_ms = -1;  // RecordBatch::max_timestamp_ms

    static BatchHeader of(const RecordBatch& batch) {
        return BatchHeader{batch.base_offset,   batch.count(),          batch.partition_leader_epoch, batch.producer_id,
                           batch.producer_epoch, batch.base_sequence, batch.max_timestamp_ms()};
    }
    // Caller guarantees count >= 1.
    Offset last_offset() const { return base_offset + (count - 1); }
    Offset next_offset() const { return base_offset + count; }
    bool idempotent() const { return producer_id != no_producer_id; }
};

}  // namespace kafkasim::log
