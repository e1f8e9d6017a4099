#include "sim/log/producer_state.h"

#include <limits>

#include "engine/assert.h"

namespace kafkasim::log {

namespace {

constexpr std::int32_t max_sequence = std::numeric_limits<std::int32_t>::max();

bool in_sequence(Sequence last, Sequence next) {
    return static_cast<std::int64_t>(next.value) == static_cast<std::int64_t>(last.value) + 1 ||
           (next.value == 0 && last.value == max_sequence);
}

ProducerCheck reject(Errc error) {
    ProducerCheck c;
    c.outcome = ProducerCheckOutcome::reject;
    c.error = error;
    return c;
}

}  // namespace

Sequence increment_sequence(Sequence seq, std::int32_t n) {
    if (seq.value > max_sequence - n) return Sequence{n - (max_sequence - seq.value) - 1};
    return Sequence{seq.value + n};
}

Sequence last_sequence_of(const RecordBatch& batch) { return increment_sequence(batch.base_sequence, batch.count() - 1); }

const BatchMetadata* ProducerStateEntry::find_duplicate(const RecordBatch& batch) const {
    if (batch.producer_epoch != epoch) return nullptr;
    const Sequence last = last_sequence_of(batch);
    for (const BatchMetadata& b : batches)
        if (b.first_seq == batch.base_sequence && b.last_seq == last) return &b;
    return nullptr;
}

ProducerCheck ProducerStateManager::check(const RecordBatch& batch) const {
    if (!batch.idempotent()) return {};
    const ProducerStateEntry* entry = find(batch.producer_id);
    if (entry == nullptr) return {};  // unknown producer: any sequence (KIP-360; see the header)
    if (const BatchMetadata* dup = entry->find_duplicate(batch)) {
        ProducerCheck c;
        c.outcome = ProducerCheckOutcome::duplicate;
        c.original = *dup;
        return c;
    }
    if (batch.producer_epoch < entry->epoch) return reject(Errc::invalid_producer_epoch);
    // An entry without an epoch takes any sequence, as an unknown producer does.
    const bool known_epoch = entry->epoch != no_producer_epoch;
    if (batch.producer_epoch != entry->epoch) {
        if (batch.base_sequence.value != 0 && known_epoch) return reject(Errc::out_of_order_sequence_number);
        return {};
    }
    if (known_epoch && !in_sequence(entry->last_seq(), batch.base_sequence))
        return reject(Errc::out_of_order_sequence_number);
    return {};
}

void ProducerStateManager::update(const BatchHeader& batch) {
    if (!batch.idempotent()) return;
    SIM_ASSERT(batch.count > 0, "producer state records only batches with offsets");
    ProducerStateEntry& entry = producers_[batch.producer_id];
    if (entry.epoch != batch.producer_epoch) {
        // maybeUpdateProducerEpoch: a new epoch forgets the old epoch's batches.
        entry.batches.clear();
        entry.epoch = batch.producer_epoch;
    }
    if (entry.batches.size() == ProducerStateEntry::batches_to_retain) entry.batches.pop_front();
    entry.batches.push_back(BatchMetadata{batch.base_sequence, increment_sequence(batch.base_sequence, batch.count - 1),
                                          batch.base_offset, batch.last_offset(), batch.max_timestamp_ms});
    entry.last_timestamp_ms = batch.max_timestamp_ms;
}

const ProducerStateEntry* ProducerStateManager::find(ProducerId id) const {
    const auto it = producers_.find(id);
    return it == producers_.end() ? nullptr : &it->second;
}

}  // namespace kafkasim::log
