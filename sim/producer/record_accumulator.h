// RecordAccumulator: the producer's per-partition queues of batches (Kafka's RecordAccumulator).
// A record joins the partition's last batch unless it would take that batch past batch.size;
// then a new batch starts (a record larger than batch.size gets a batch of its own). The first
// batch of a partition is ready to send once it is full (closed by a later batch or at
// batch.size), or linger.ms after it was created, or, when retried, once its backoff passed.
// Retried batches go back to the front: with sequence numbers, in sequence order
// (RecordAccumulator.insertInSequenceOrder), so that idempotent retries keep their order.
#pragma once

#include <deque>
#include <map>
#include <memory>

#include "sim/producer/producer_batch.h"

namespace kafkasim::producer {

using BatchPtr = std::shared_ptr<ProducerBatch>;

// What one append did to its partition's queue: the bytes it added, whether it started a batch,
// and whether it changed if the queue's first batch is ready. Only that queue changes, so these
// tell the producer whether its loop has anything new to do (Producer::quiet_after_append)
// without a walk over every queue per record.
struct Appended {
    std::int64_t bytes = 0;
    bool new_batch = false;
    bool ready_changed = false;
};

class RecordAccumulator {
public:
    RecordAccumulator(std::int32_t batch_size, engine::Duration linger);

    // Appends `record` to `tp`'s open batch or a new one.
    Appended append(const TopicPartition& tp, Record record, SendCallback done, engine::Instant now);
    // Puts a batch whose send failed back into its queue, to be retried.
    void reenqueue(BatchPtr batch);

    // When the first batch of `queue` may be sent (ready_at <= now means ready).
    engine::Instant ready_at(const std::deque<BatchPtr>& queue) const;

    std::map<TopicPartition, std::deque<BatchPtr>>& queues() { return queues_; }
    const std::map<TopicPartition, std::deque<BatchPtr>>& queues() const { return queues_; }
    // Drops the queues that became empty.
    void prune();
    std::size_t batches() const;

private:
    std::int32_t batch_size_;
    engine::Duration linger_;
    std::map<TopicPartition, std::deque<BatchPtr>> queues_;
};

}  // namespace kafkasim::producer
