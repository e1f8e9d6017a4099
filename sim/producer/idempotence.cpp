#include "sim/producer/idempotence.h"

#include <limits>

#include "engine/assert.h"

namespace kafkasim::producer {

void IdempotenceState::set_producer_id(ProducerId id, ProducerEpoch epoch) {
    producer_id_ = id;
    epoch_ = epoch;
}

bool IdempotenceState::may_drain(const ProducerBatch& first) const {
    if (!has_producer_id()) return false;
    if (to_rewrite_.count(first.tp) != 0) return false;  // renumbered at the coming bump
    const auto it = partitions_.find(first.tp);
    if (!first.has_sequence()) {
        if (it == partitions_.end()) return true;
        // A new epoch's sequence 0 must not overtake the old epoch's batches still out.
        if (!it->second.in_flight.empty() && stale(it->second)) return false;
        // Nothing new while it is unknown whether the expired batches were written.
        return unresolved_.count(first.tp) == 0;
    }
    // A retried batch goes only when it is the first in flight: retries go one at a time, in
    // sequence order, which keeps the partition's order with five requests in flight.
    SIM_ASSERT(it != partitions_.end() && !it->second.in_flight.empty(), "a numbered batch is tracked");
    return *it->second.in_flight.begin() == first.base_sequence.value;
}

void IdempotenceState::assign_sequence(ProducerBatch& batch) {
    SIM_ASSERT(!batch.has_sequence() && has_producer_id(), "a batch is numbered once, with a producer id");
    PartitionEntry& e = partitions_[batch.tp];
    if (stale(e)) {
        SIM_ASSERT(e.in_flight.empty(), "may_drain holds new batches while stale ones are out");
        e = PartitionEntry{producer_id_, epoch_, 0, -1, {}};
    }
    batch.producer_id = e.producer_id;
    batch.producer_epoch = e.epoch;
    batch.base_sequence = Sequence{e.next_sequence};
    e.in_flight.insert(e.next_sequence);
    e.next_sequence += batch.count();
}

bool IdempotenceState::is_next(const ProducerBatch& batch) const {
    const auto it = partitions_.find(batch.tp);
    return it != partitions_.end() && batch.base_sequence.value == it->second.last_acked + 1;
}

void IdempotenceState::on_acked(const ProducerBatch& batch) {
    auto it = partitions_.find(batch.tp);
    if (it == partitions_.end() || !batch.has_sequence()) return;
    PartitionEntry& e = it->second;
    e.in_flight.erase(batch.base_sequence.value);
    if (batch.producer_epoch == e.epoch && batch.last_sequence() > e.last_acked) e.last_acked = batch.last_sequence();
}

bool IdempotenceState::tracks(const ProducerBatch& batch) const {
    if (!batch.has_sequence()) return false;
    const auto it = partitions_.find(batch.tp);
    return it != partitions_.end() && it->second.producer_id == batch.producer_id &&
           it->second.epoch == batch.producer_epoch && it->second.in_flight.count(batch.base_sequence.value) != 0;
}

bool IdempotenceState::can_retry(const ProducerBatch& batch, Errc error) {
    if (error == Errc::unknown_producer_id) {
        if (!batch.sequence_reset) request_bump(batch.tp);
        return true;
    }
    if (error == Errc::out_of_order_sequence_number) {
        if (batch.sequence_reset || !is_next(batch)) return true;  // wait for the earlier batches
        request_bump(batch.tp);  // the batch before it is gone for good: a real gap
        return true;
    }
    return is_retriable(error);
}

void IdempotenceState::on_failed(const ProducerBatch& batch, Errc error, bool adjust) {
    auto it = partitions_.find(batch.tp);
    if (it != partitions_.end() && batch.has_sequence()) it->second.in_flight.erase(batch.base_sequence.value);
    if (error == Errc::out_of_order_sequence_number) {
        request_bump(batch.tp);
    } else if (error == Errc::unknown_producer_id || (adjust && batch.has_sequence())) {
        request_bump(batch.tp);
    }
}

void IdempotenceState::on_expired(const ProducerBatch& batch) {
    auto it = partitions_.find(batch.tp);
    if (it == partitions_.end() || !batch.has_sequence()) return;
    it->second.in_flight.erase(batch.base_sequence.value);
    if (batch.attempts > 0) unresolved_.insert(batch.tp);
}

void IdempotenceState::resolve_sequences() {
    for (auto it = unresolved_.begin(); it != unresolved_.end();) {
        const auto e = partitions_.find(*it);
        if (e == partitions_.end()) {
            it = unresolved_.erase(it);
            continue;
        }
        if (!e->second.in_flight.empty()) {
            ++it;
            continue;
        }
        // Every sequence up to the next one was acknowledged: the expired batches were written.
        if (e->second.last_acked + 1 != e->second.next_sequence) request_bump(*it);
        it = unresolved_.erase(it);
    }
}

bool IdempotenceState::bump_epoch(const std::map<TopicPartition, std::vector<ProducerBatch*>>& queued) {
    SIM_ASSERT(has_producer_id(), "an epoch bump needs a producer id");
    if (epoch_.value == std::numeric_limits<std::int16_t>::max()) {
        // resetIdempotentProducerId: InitProducerId again; every partition starts over.
        producer_id_ = no_producer_id;
        epoch_ = no_producer_epoch;
        for (const auto& [tp, batches] : queued)
            for (ProducerBatch* b : batches) {
                b->base_sequence = no_sequence;
                b->producer_id = no_producer_id;
                b->producer_epoch = no_producer_epoch;
            }
        partitions_.clear();
        to_rewrite_.clear();
        unresolved_.clear();
        return false;
    }
    epoch_ = ProducerEpoch{static_cast<std::int16_t>(epoch_.value + 1)};
    for (const TopicPartition& tp : to_rewrite_) {
        PartitionEntry e{producer_id_, epoch_, 0, -1, {}};
        if (const auto it = queued.find(tp); it != queued.end()) {
            for (ProducerBatch* b : it->second) {  // TxnPartitionMap.startSequencesAtBeginning
                SIM_ASSERT(!b->on_wire, "no batch of a renumbered partition is out");
                b->producer_id = producer_id_;
                b->producer_epoch = epoch_;
                b->base_sequence = Sequence{e.next_sequence};
                b->sequence_reset = true;
                e.in_flight.insert(e.next_sequence);
                e.next_sequence += b->count();
            }
        }
        partitions_[tp] = std::move(e);
        unresolved_.erase(tp);
    }
    to_rewrite_.clear();
    return true;
}

}  // namespace kafkasim::producer
