// EventQueue: the pending events of a simulation, popped in a total order.
//
// Order is (time, sequence): the sequence counts up on every push, so events at the same
// instant run first-in first-out however the heap happens to be arranged. Without it, ties
// would run in heap order, which changes when unrelated events are added, and a run would
// not replay from its seed.
//
// The heap holds small POD keys {time, seq, slot}; handlers stay put in a chunked slab, so
// sifting moves 24 bytes and a handler never moves while it runs (it may push new events).
// Cancel is lazy: it frees the slot at once and the heap key is skipped when it surfaces.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/assert.h"
#include "engine/handler.h"
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
    EventQueue();

    template <class F>
    EventId push(Instant at, F&& f) {
        const std::uint32_t slot = acquire_slot();
        Slot& s = slot_ref(slot);
        s.handler.emplace(std::forward<F>(f));
        const std::uint64_t seq = ++last_seq_;
        s.seq = seq;
        heap_push(Key{at.us(), seq, slot});
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

    // Pops the earliest pending event, sets `clock` to its time, and runs it. Returns false
    // (and changes nothing) if no event is pending.
    bool run_next(Instant& clock);

private:
    struct Key {
        std::int64_t time;
        std::uint64_t seq;
        std::uint32_t slot;
    };
    static bool before(const Key& a, const Key& b) {
        return a.time < b.time || (a.time == b.time && a.seq < b.seq);
    }
    // The handler and the sequence that names it share one cache line.
    struct alignas(64) Slot {
        Handler handler;
        std::uint64_t seq = 0;  // 0 when free
    };

    static constexpr std::uint32_t chunk_bits = 12;
    static constexpr std::uint32_t chunk_size = 1u << chunk_bits;
    static constexpr std::uint32_t no_slot = 0xffffffffu;

    Slot& slot_ref(std::uint32_t slot) { return chunks_[slot >> chunk_bits][slot & (chunk_size - 1)]; }
    std::uint32_t acquire_slot();
    void release_slot(std::uint32_t slot);
    void drop_stale_top();
    void heap_push(Key k);
    void heap_pop();

    std::vector<Key> heap_;
    std::vector<std::unique_ptr<Slot[]>> chunks_;
    std::vector<std::uint32_t> free_slots_;
    std::uint32_t slot_count_ = 0;
    std::uint64_t last_seq_ = 0;
    std::uint64_t running_seq_ = 0;
    std::size_t live_ = 0;
    std::size_t stale_keys_ = 0;  // cancelled events whose keys are still in the heap
};

}  // namespace kafkasim::engine
