#include "engine/event_queue.h"


namespace kafkasim::engine {

EventQueue::EventQueue() { heap_.reserve(1024); }

std::uint32_t EventQueue::acquire_slot() {
    if (!free_slots_.empty()) {
        const std::uint32_t slot = free_slots_.back();
        free_slots_.pop_back();
        return slot;
    }
    SIM_ASSERT(slot_count_ < no_slot, "more pending events than the queue can name");
    if ((slot_count_ & (chunk_size - 1)) == 0) chunks_.push_back(std::make_unique<Slot[]>(chunk_size));
    return slot_count_++;
}

void EventQueue::release_slot(std::uint32_t slot) {
    Slot& s = slot_ref(slot);
    s.handler.reset();
    s.seq = 0;
    free_slots_.push_back(slot);
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
    while (stale_keys_ > 0 && !heap_.empty() && slot_ref(heap_.front().slot).seq != heap_.front().seq) {
        heap_pop();
        --stale_keys_;
    }
}

Instant EventQueue::next_time() {
    drop_stale_top();
    SIM_ASSERT(!heap_.empty(), "next_time() on an empty queue");
    return Instant::from_us(heap_.front().time);
}

bool EventQueue::run_next(Instant& clock) {
    drop_stale_top();
    if (heap_.empty()) return false;
    const Key top = heap_.front();
    heap_pop();
    --live_;
    clock = Instant::from_us(top.time);
    running_seq_ = top.seq;
    // Release the slot even if the handler throws (a failed SIM_ASSERT), so the queue
    // stays consistent for whoever reports the failure.
    struct Release {
        EventQueue* q;
        std::uint32_t slot;
        ~Release() {
            q->running_seq_ = 0;
            q->release_slot(slot);
        }
    } release{this, top.slot};
    slot_ref(top.slot).handler();
    return true;
}

// A 4-ary heap: half the depth of a binary one, and the four children of a node sit in
// 96 contiguous bytes, so a pop touches fewer cache lines. The sifts work on a local
// pointer: through the member, every store could alias the vector and force reloads.
void EventQueue::heap_push(Key k) {
    heap_.push_back(k);
    Key* h = heap_.data();
    std::size_t hole = heap_.size() - 1;
    while (hole > 0) {
        const std::size_t parent = (hole - 1) / 4;
        if (!before(k, h[parent])) break;
        h[hole] = h[parent];
        hole = parent;
    }
    h[hole] = k;
}

void EventQueue::heap_pop() {
    // Floyd's pop: walk the hole down to a leaf along the smallest children, then sift the
    // last key up from there; it rarely climbs far.
    const Key last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return;
    Key* h = heap_.data();
    std::size_t hole = 0;
    for (;;) {
        const std::size_t first = 4 * hole + 1;
        if (first >= n) break;
        std::size_t best = first;
        if (first + 4 <= n) {
            const std::size_t b01 = before(h[first + 1], h[first]) ? first + 1 : first;
            const std::size_t b23 = before(h[first + 3], h[first + 2]) ? first + 3 : first + 2;
            best = before(h[b23], h[b01]) ? b23 : b01;
        } else {
            for (std::size_t c = first + 1; c < n; ++c)
                if (before(h[c], h[best])) best = c;
        }
        h[hole] = h[best];
        hole = best;
    }
    while (hole > 0) {
        const std::size_t parent = (hole - 1) / 4;
        if (!before(last, h[parent])) break;
        h[hole] = h[parent];
        hole = parent;
    }
    h[hole] = last;
}

}  // namespace kafkasim::engine
