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
    // Only cancellations leave stale keys, so the common path skips the slot lookup.
    while (stale_keys_ > 0 && !heap_.empty() && slot_ref(slot_of(heap_.top())).seq != seq_of(heap_.top())) {
        heap_.pop();
        --stale_keys_;
    }
}

Instant EventQueue::next_time() {
    drop_stale_top();
    SIM_ASSERT(!heap_.empty(), "next_time() on an empty queue");
    return Instant::from_us(static_cast<std::int64_t>(heap_.top().time));
}

bool EventQueue::run_next(Instant& clock) {
    drop_stale_top();
    if (heap_.empty()) return false;
    const HeapKey top = heap_.top();
    const std::uint32_t slot = slot_of(top);
    --live_;
    clock = Instant::from_us(static_cast<std::int64_t>(top.time));
    running_seq_ = seq_of(top);
    root_running_ = true;
    // Finish even if the handler throws (a failed SIM_ASSERT), so the queue stays
    // consistent for whoever reports the failure.
    struct Finish {
        EventQueue* q;
        std::uint32_t slot;
        ~Finish() { q->finish_running(slot); }
    } finish{this, slot};
    slot_ref(slot).handler();
    return true;
}

void EventQueue::finish_running(std::uint32_t slot) {
    if (root_running_) {
        root_running_ = false;
        heap_.pop([this](const HeapKey& next) { prefetch(next); });
    }
    running_seq_ = 0;
    release_slot(slot);
}

}  // namespace kafkasim::engine
