#include "engine/event_queue.h"

namespace kafkasim::engine {

std::uint32_t EventQueue::new_slot() {
    SIM_ASSERT(slot_count_ < max_slots, "at most 2^24 events may be pending at once");
    if ((slot_count_ & (chunk_size - 1)) == 0) chunks_.push_back(std::make_unique<Slot[]>(chunk_size));
    return slot_count_++;
}

bool EventQueue::cancel(EventId id) {
    if (!id.valid() || id.slot >= slot_count_ || slot_ref(id.slot).seq != id.seq) return false;
    if (id.seq == running_seq_) return false;
    release_slot(id.slot);
    --live_;
    ++stale_keys_;
    return true;
}

void EventQueue::drop_stale_top() {
    while (stale_keys_ > 0 && !heap_.empty() && slot_ref(slot_of(heap_.top())).seq != seq_of(heap_.top())) {
        heap_.pop();
        --stale_keys_;
    }
}

Instant EventQueue::next_time() {
    // Only cancellations leave stale keys, so the common path skips the slot lookup.
    if (stale_keys_ > 0) drop_stale_top();
    SIM_ASSERT(!heap_.empty(), "next_time() on an empty queue");
    return Instant::from_us(static_cast<std::int64_t>(heap_.top().time));
}

void EventQueue::pop_running_root() {
    root_running_ = false;
    heap_.pop([this](const HeapKey& next) { prefetch(next); });
}

}  // namespace kafkasim::engine
