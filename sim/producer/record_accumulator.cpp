#include "sim/producer/record_accumulator.h"

#include <algorithm>
#include <iterator>

#include "engine/assert.h"

namespace kafkasim::producer {

RecordAccumulator::RecordAccumulator(std::int32_t batch_size, engine::Duration linger)
    : batch_size_(batch_size), linger_(linger) {}

Appended RecordAccumulator::append(const TopicPartition& tp, Record record, SendCallback done, engine::Instant now) {
    auto& queue = queues_[tp];
    const bool was_ready = !queue.empty() && ready_at(queue) <= now;
    Appended appended;
    ProducerBatch* open = nullptr;
    if (!queue.empty()) {
        ProducerBatch& last = *queue.back();
        // A batch stops taking records once it was sent: only a never-sent batch is open.
        if (last.attempts == 0 && !last.has_sequence()) open = &last;
    }
    auto size_in = [&record](const ProducerBatch& b) {
        const std::int64_t ts_delta = b.records.empty() ? 0 : record.timestamp_ms - b.records.front().timestamp_ms;
        return record_size_in_batch(record, b.count(), ts_delta);
    };
    std::int64_t bytes = open != nullptr ? size_in(*open) : 0;  // sized once: it walks the record's varints
    if (open != nullptr && open->size_bytes + bytes > batch_size_) open = nullptr;
    if (open == nullptr) {
        auto fresh = std::make_shared<ProducerBatch>();
        fresh->tp = tp;
        fresh->created = now;
        // Sized for as many records like this one as batch.size holds: growing the vectors one
        // doubling at a time cost a reallocation and a move of every record so far (capped, as
        // a huge batch.size with tiny records would reserve far more than it fills).
        const std::int64_t per_record = std::max<std::int64_t>(record_size_in_batch(record, 0, 0), 1);
        const auto expected = static_cast<std::size_t>(std::clamp<std::int64_t>(batch_size_ / per_record + 1, 1, 1024));
        fresh->records.reserve(expected);
        fresh->callbacks.reserve(expected);
        queue.push_back(fresh);
        open = fresh.get();
        bytes = size_in(*open);
        appended.new_batch = true;
    }
    open->size_bytes += bytes;
    open->records.push_back(std::move(record));
    open->callbacks.push_back(std::move(done));
    appended.bytes = bytes;
    appended.ready_changed = was_ready != (ready_at(queue) <= now);
    return appended;
}

void RecordAccumulator::reenqueue(BatchPtr batch) {
    auto& queue = queues_[batch->tp];
    if (!batch->has_sequence()) {
        queue.push_front(std::move(batch));
        return;
    }
    // Before the first batch that has no sequence or a higher one.
    const auto at = std::find_if(queue.begin(), queue.end(), [&](const BatchPtr& b) {
        return !b->has_sequence() || b->base_sequence.value > batch->base_sequence.value;
    });
    queue.insert(at, std::move(batch));
}

engine::Instant RecordAccumulator::ready_at(const std::deque<BatchPtr>& queue) const {
    SIM_ASSERT(!queue.empty(), "ready_at needs a batch");
    const ProducerBatch& first = *queue.front();
    if (first.attempts > 0) return first.retry_at;
    const bool full = queue.size() > 1 || first.size_bytes >= batch_size_;
    return full ? first.created : first.created + linger_;
}

void RecordAccumulator::prune() {
    std::erase_if(queues_, [](const auto& entry) { return entry.second.empty(); });
}

std::size_t RecordAccumulator::batches() const {
    std::size_t n = 0;
    for (const auto& [tp, queue] : queues_) n += queue.size();
    return n;
}

}  // namespace kafkasim::producer
