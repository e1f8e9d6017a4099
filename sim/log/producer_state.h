// Producer state of one partition, for the idempotent producer (Kafka's ProducerStateManager,
// ProducerStateEntry and ProducerAppendInfo, 3.9; kafka-semantics.md §f). Per producer id: the
// current epoch and the last five batches' sequences and offsets.
//
// On the leader a client's batch is checked before it is appended (check()), in Kafka's order:
// - the same epoch and exactly the sequence range of a retained batch: a duplicate, answered
//   with that batch's offsets and not appended again (UnifiedLog.analyzeAndValidateProducerState);
// - an epoch below the current one: INVALID_PRODUCER_EPOCH;
// - a new epoch must start at sequence 0, unless the producer is unknown;
// - the same epoch must continue at last sequence + 1 (wrapping from INT32_MAX to 0), else
//   OUT_OF_ORDER_SEQUENCE_NUMBER;
// - a producer id with no state here takes any sequence: since KIP-360 (2.5) the broker no
//   longer answers UNKNOWN_PRODUCER_ID; ProducerAppendInfo.checkSequence accepts the batch when
//   the current entry's epoch is NO_PRODUCER_EPOCH.
// Followers, and a log replaying its files at start, record batches without checking (update()),
// as Kafka does for AppendOrigin.REPLICATION.
//
// Kafka also snapshots this state to "<offset>.snapshot" files so that a restart need not read
// the whole log; kafkasim rebuilds it from every batch of the log at start and after a
// truncation instead (docs/log.md). Producer ids are not expired (producer.id.expiration.ms).
#pragma once

#include <cstdint>
#include <deque>
#include <map>

#include "sim/common/errors.h"
#include "sim/common/ids.h"
#include "sim/log/batch_header.h"
#include "sim/proto/record_batch.h"

namespace kafkasim::log {

struct BatchMetadata {
    Sequence first_seq;
    Sequence last_seq;
    Offset first_offset;
    Offset last_offset;
    std::int64_t timestamp_ms = -1;  // the batch's largest timestamp
    auto operator<=>(const BatchMetadata&) const = default;
};

struct ProducerStateEntry {
    static constexpr std::size_t batches_to_retain = 5;  // ProducerStateEntry.NUM_BATCHES_TO_RETAIN

    ProducerEpoch epoch = no_producer_epoch;
    std::deque<BatchMetadata> batches;  // oldest first, at most batches_to_retain
    std::int64_t last_timestamp_ms = -1;

    Sequence last_seq() const { return batches.empty() ? no_sequence : batches.back().last_seq; }
    // The retained batch with exactly `batch`'s epoch and sequence range (findDuplicateBatch).
    const BatchMetadata* find_duplicate(const RecordBatch& batch) const;
};

enum class ProducerCheckOutcome : std::uint8_t { append, duplicate, reject };

struct ProducerCheck {
    ProducerCheckOutcome outcome = ProducerCheckOutcome::append;
    Errc error = Errc::none;  // reject: why
    BatchMetadata original;   // duplicate: the batch as it was first appended
};

// `seq` advanced by `n`, wrapping from INT32_MAX to 0 (DefaultRecordBatch.incrementSequence).
Sequence increment_sequence(Sequence seq, std::int32_t n);
// A batch's last sequence, wrapping as the producer numbers them.
Sequence last_sequence_of(const RecordBatch& batch);

class ProducerStateManager {
public:
    // A client's batch on the leader, before offsets are assigned. Changes nothing.
    ProducerCheck check(const RecordBatch& batch) const;
    // A batch now in the log, its offsets assigned (leader, follower, or replay at start).
    // Batches without a producer id are ignored.
    void update(const BatchHeader& batch);
    void update(const RecordBatch& batch) { update(BatchHeader::of(batch)); }
    void clear() { producers_.clear(); }

    const ProducerStateEntry* find(ProducerId id) const;
    const std::map<ProducerId, ProducerStateEntry>& producers() const { return producers_; }

private:
    std::map<ProducerId, ProducerStateEntry> producers_;
};

}  // namespace kafkasim::log
