// EventQueue: the pending events of a simulation, popped in a total order.
//
// Order is (time, sequence): the sequence counts up on every push, so events at the same
// instant run first-in first-out however the heap happens to be arranged. Without it, ties
// would run in heap order, which changes when unrelated events are added, and a run would
// not replay from its seed.
//
// The heap holds 16-byte keys {time, seq:40 | slot:24}; handlers stay put in a chunked slab,
// so sifting moves keys, not handlers, and a handler never moves while it runs (it may
// schedule more events). Cancel is lazy: it frees the slot at once and the heap key is
// skipped when it surfaces.
//
// The running event's key stays at the root until its handler returns. If the handler
// schedules an event, the first new key replaces the root in one sift instead of a pop and
// a push (a handler usually schedules its successor); otherwise the root is popped after.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/assert.h"
#include "engine/handler.h"
#include "engine/key_heap.h"
#include "engine/time.h"

namespace kafkasim::engine {

// Names one scheduled event. seq == 0 never names an event.
struct EventId {
    std::uint32_t slot = 0;
    std::uint64_t seq = 0;
    bool valid() const { return seq != 0; }
    auto operator<=>(const EventId&) const = default;
};

class EventQueue {
public:
    EventQueue() = default;

    template <class F>
    EventId push(Instant at, F&& f) {
        SIM_ASSERT(at.us() >= 0, "events happen at or after time zero");
        const std::uint32_t slot = acquire_slot();
        Slot& s = slot_ref(slot);
        s.handler.emplace(std::forward<F>(f));
        const std::uint64_t seq = ++last_seq_;
        SIM_ASSERT(seq < max_seq, "a run may schedule at most 2^40 events");
        s.seq = seq;
        const HeapKey key{static_cast<std::uint64_t>(at.us()), (seq << slot_bits) | slot};
        if (root_running_) {
            root_running_ = false;
            heap_.replace_top(key, [this](const HeapKey& next) { prefetch(next); });
        } else {
            heap_.push(key);
        }
        ++live_;
        return EventId{slot, seq};
    }

    // Returns true if the event was pending and is now cancelled; false if it already ran,
    // was cancelled before, or is the event running now.
    bool cancel(EventId id);

    std::size_t size() const { return live_; }
    bool empty() const { return live_ == 0; }

    // Time of the earliest pending event. Caller guarantees !empty().
    Instant next_time();

    // Takes the earliest pending event, sets `clock` to its time, and runs it. Returns false
    // (and changes nothing) if no event is pending. Not reentrant: a handler never calls it.
    // Inline: it runs once per event, and its own work is smaller than a call's.
    bool run_next(Instant& clock) {
        if (stale_keys_ > 0) drop_stale_top();
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

private:
    // The handler and the sequence that names it share one cache line.
    struct alignas(64) Slot {
        Handler handler;
        std::uint64_t seq = 0;  // 0 when free
    };

    static constexpr unsigned slot_bits = 24;
    static constexpr std::uint32_t max_slots = 1u << slot_bits;
    static constexpr std::uint64_t max_seq = 1ull << (64 - slot_bits);
    static constexpr std::uint32_t chunk_bits = 12;
    static constexpr std::uint32_t chunk_size = 1u << chunk_bits;

    static std::uint32_t slot_of(const HeapKey& k) { return static_cast<std::uint32_t>(k.tag & (max_slots - 1)); }
    static std::uint64_t seq_of(const HeapKey& k) { return k.tag >> slot_bits; }

    Slot& slot_ref(std::uint32_t slot) { return chunks_[slot >> chunk_bits][slot & (chunk_size - 1)]; }
    std::uint32_t acquire_slot() {
        if (free_slots_.empty()) return new_slot();
        const std::uint32_t slot = free_slots_.back();
        free_slots_.pop_back();
        return slot;
    }
    std::uint32_t new_slot();
    void release_slot(std::uint32_t slot) {
        Slot& s = slot_ref(slot);
        s.handler.reset();
        s.seq = 0;
        free_slots_.push_back(slot);
    }
    void finish_running(std::uint32_t slot) {
        if (root_running_) pop_running_root();
        running_seq_ = 0;
        release_slot(slot);
    }
    // Out of line: the common handler schedules its successor, which replaces the root.
    void pop_running_root();
    // The next event's handler was written when it was scheduled, long ago: start loading it
    // while the heap finishes its sift.
    void prefetch(const HeapKey& next) { __builtin_prefetch(&slot_ref(slot_of(next))); }
    // Pops the keys of cancelled events off the top. Caller checks stale_keys_ > 0 first.
    void drop_stale_top();

    KeyHeap heap_;
    std::vector<std::unique_ptr<Slot[]>> chunks_;
    std::vector<std::uint32_t> free_slots_;
    std::uint32_t slot_count_ = 0;
    std::uint64_t last_seq_ = 0;
    std::uint64_t running_seq_ = 0;
    bool root_running_ = false;  // the heap's root is the key of the event running now
    std::size_t live_ = 0;
    std::size_t stale_keys_ = 0;  // cancelled events whose keys are still in the heap
};

}  // namespace kafkasim::engine
