// The idempotent producer's bookkeeping: the non-transactional part of Kafka 3.x's
// TransactionManager (clients/.../producer/internals/TransactionManager.java, TxnPartitionMap).
// It holds the producer id and epoch from InitProducerId and, per partition, the epoch its
// batches are numbered under, the next sequence, the last acknowledged sequence and the
// sequences in flight (numbered and not yet completed, sent or waiting for a retry).
//
// As Kafka does for an idempotent producer without transactional.id:
// - OUT_OF_ORDER_SEQUENCE_NUMBER on a batch that is not the next one expected (an earlier batch
//   is still unresolved) is retried as is; on the next expected batch it means a real gap: the
//   producer bumps its epoch locally and renumbers the partition's batches from 0 (canRetry).
// - UNKNOWN_PRODUCER_ID is retried after an epoch bump (the broker lost the producer's state);
//   failing for good (retries or delivery timeout exhausted), it also bumps the epoch, where
//   Kafka resets the partition's sequence: both restart the partition at sequence 0.
// - INVALID_PRODUCER_EPOCH fails the batch, and the partition's sequences are reset through an
//   epoch bump (handleFailedBatch with adjustSequenceNumbers).
// - A batch that expired after being sent leaves its partition "unresolved": no new batch is
//   numbered until the in-flight ones complete; then, if the acknowledged sequences do not reach
//   the next sequence, the epoch is bumped (maybeResolveSequences).
// - When the epoch reaches Short.MAX_VALUE a bump asks for a new producer id instead.
// Simplified (docs/producer.md): the bump waits until none of the partition's batches is on the
// wire, instead of renumbering batches whose requests are still out.
#pragma once

#include <map>
#include <set>
#include <vector>

#include "sim/producer/producer_batch.h"

namespace kafkasim::producer {

class IdempotenceState {
public:
    bool has_producer_id() const { return producer_id_ != no_producer_id; }
    ProducerId producer_id() const { return producer_id_; }
    ProducerEpoch epoch() const { return epoch_; }
    void set_producer_id(ProducerId id, ProducerEpoch epoch);

    // RecordAccumulator.shouldStopDrainBatchesForPartition, negated: whether `first`, the head
    // of its partition's queue, may go into a request now.
    bool may_drain(const ProducerBatch& first) const;
    // Numbers a batch drained for the first time (maybeUpdateProducerIdAndEpoch, then the
    // partition's next sequence), and tracks it as in flight.
    void assign_sequence(ProducerBatch& batch);

    void on_acked(const ProducerBatch& batch);
    // Whether `batch` is numbered under the partition's current numbering (false for a batch
    // without a sequence, or one whose numbering a new producer id dropped while it was out).
    bool tracks(const ProducerBatch& batch) const;
    // TransactionManager.canRetry; may ask for an epoch bump.
    bool can_retry(const ProducerBatch& batch, Errc error);
    // handleFailedBatch. `adjust`: the batch did not exhaust its retries, so its sequence may
    // be reused.
    void on_failed(const ProducerBatch& batch, Errc error, bool adjust);
    // A batch expired by delivery.timeout.ms; `sent`: it had gone out at least once.
    void on_expired(const ProducerBatch& batch);

    // maybeResolveSequences: partitions whose unresolved sequences can now be decided.
    void resolve_sequences();
    bool bump_requested() const { return !to_rewrite_.empty(); }
    const std::set<TopicPartition>& partitions_to_rewrite() const { return to_rewrite_; }
    // Bumps the epoch (or drops the producer id at Short.MAX_VALUE) and renumbers, from 0, the
    // queued batches of each partition to rewrite, given in sequence order. Caller guarantees
    // none of those partitions has a batch on the wire. Returns false if a new producer id is
    // needed instead.
    bool bump_epoch(const std::map<TopicPartition, std::vector<ProducerBatch*>>& queued);

private:
    struct PartitionEntry {
        ProducerId producer_id = no_producer_id;
        ProducerEpoch epoch = no_producer_epoch;
        std::int32_t next_sequence = 0;
        std::int32_t last_acked = -1;
        std::set<std::int32_t> in_flight;  // base sequences
    };
    bool stale(const PartitionEntry& e) const { return e.producer_id != producer_id_ || e.epoch != epoch_; }
    bool is_next(const ProducerBatch& batch) const;
    void request_bump(const TopicPartition& tp) { to_rewrite_.insert(tp); }

    ProducerId producer_id_ = no_producer_id;
    ProducerEpoch epoch_ = no_producer_epoch;
    std::map<TopicPartition, PartitionEntry> partitions_;
    std::set<TopicPartition> to_rewrite_;
    std::set<TopicPartition> unresolved_;
};

}  // namespace kafkasim::producer
