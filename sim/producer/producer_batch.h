// ProducerBatch: records the producer collected for one partition, sent and retried together
// (Kafka's ProducerBatch). Its producer id, epoch and base sequence are assigned when it is
// first drained into a request and kept on retries, unless an epoch bump renumbers it.
#pragma once

#include <functional>
#include <vector>

#include "engine/time.h"
#include "sim/common/errors.h"
#include "sim/proto/record_batch.h"

namespace kafkasim::producer {

// What became of one record: its partition, NONE and its offset, or the error that failed it.
struct SendResult {
    TopicPartition tp;
    Errc error = Errc::none;
    Offset offset{-1};  // -1 when failed, with acks=0, or for a DUPLICATE_SEQUENCE_NUMBER answer
};
using SendCallback = std::function<void(const SendResult&)>;

struct ProducerBatch {
    TopicPartition tp;
    std::vector<Record> records;
    std::vector<SendCallback> callbacks;  // one per record, possibly empty
    std::int64_t size_bytes = record_batch_overhead;
    engine::Instant created;
    engine::Instant retry_at;  // a retried batch waits its backoff until then
    std::int32_t attempts = 0;  // Produce requests that carried it
    bool on_wire = false;       // in a request not answered yet
    bool sequence_reset = false;  // renumbered by an epoch bump (ProducerBatch.sequenceHasBeenReset)
    ProducerId producer_id = no_producer_id;
    ProducerEpoch producer_epoch = no_producer_epoch;
    Sequence base_sequence = no_sequence;

    bool has_sequence() const { return base_sequence != no_sequence; }
    std::int32_t count() const { return static_cast<std::int32_t>(records.size()); }
    std::int32_t last_sequence() const { return base_sequence.value + count() - 1; }
};

}  // namespace kafkasim::producer
