// KeyHeap: the event queue's min-heap of 16-byte keys, ordered by (time, tag).
//
// Four children per node halve the depth of a binary heap, and the four children of a node
// are stored in one 64-byte-aligned group, so each level of a sift touches one cache line.
// A comparison is one 128-bit compare, and the smallest of four children is picked by
// arithmetic on the comparisons' results, so a sift has no data-dependent jump to
// mispredict. bench/phold measures the heap against std::priority_queue.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kafkasim::engine {

struct HeapKey {
    std::uint64_t time;  // microseconds, never negative
    std::uint64_t tag;   // unique per key: ties on time are broken by it
};

class KeyHeap {
public:
    KeyHeap();
    ~KeyHeap();
    KeyHeap(const KeyHeap&) = delete;
    KeyHeap& operator=(const KeyHeap&) = delete;

    bool empty() const { return size_ == 0; }
    std::size_t size() const { return size_; }
    // Caller guarantees !empty().
    const HeapKey& top() const { return at(0); }

    void push(HeapKey k);
    // Caller guarantees !empty(). `soon(key)` names keys that will probably surface soon, so
    // that the caller can start loading what they name: first the new top, as soon as it is
    // known and before the rest of the sift; then, in a heap too large for the caches, the
    // key that will probably follow it, once the sift is done (hints: they may be wrong).
    template <class F>
    void pop(F&& soon) {
        const HeapKey last = at(--size_);
        if (size_ > 0) sift_down(last, soon);
    }
    void pop() {
        pop([](const HeapKey&) {});
    }
    // Replaces the top with `k`: one sift instead of pop() then push(k). Caller guarantees
    // !empty().
    template <class F>
    void replace_top(HeapKey k, F&& soon) {
        sift_down(k, soon);
    }

private:
    // Logical index i lives at physical index i + 3, so the children of i (4i+1 .. 4i+4)
    // start at a multiple of four: one aligned cache line.
    static constexpr std::size_t offset = 3;
    static constexpr std::size_t prefetch_above = 1u << 16;  // keys (1 MiB): past it, load ahead
    HeapKey& at(std::size_t i) { return base_[i + offset]; }
    const HeapKey& at(std::size_t i) const { return base_[i + offset]; }
    template <class F>
    void sift_down(HeapKey k, F& soon);
    // Static helpers on the heap at `h` of `n` keys: the compiler then knows that the stores
    // of a sift cannot change size_ or base_ under it.
    // The smallest of the four children first .. first + 3. Caller guarantees first + 4 <= n.
    static std::size_t min_of_four(const HeapKey* h, std::size_t first);
    // The smallest of the children first .. n - 1 (fewer than four).
    static std::size_t min_of_rest(const HeapKey* h, std::size_t first, std::size_t n);
    // Moves the hole down from `hole` along the smallest children while they come in groups
    // of four; returns where it stops.
    template <bool prefetch>
    static std::size_t descend(HeapKey* h, std::size_t n, std::size_t hole);
    // Moves `k` up from `hole` to its place and stores it there.
    void sift_up(std::size_t hole, HeapKey k);
    void grow();

    HeapKey* base_ = nullptr;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

namespace detail {
__extension__ typedef unsigned __int128 heap_u128;
inline bool heap_before(const HeapKey& a, const HeapKey& b) {
    return ((static_cast<heap_u128>(a.time) << 64) | a.tag) < ((static_cast<heap_u128>(b.time) << 64) | b.tag);
}
}  // namespace detail

inline std::size_t KeyHeap::min_of_four(const HeapKey* h, std::size_t first) {
    // A tournament of three comparisons. The winners of the first two are selected as values
    // (conditional moves), not reloaded by index, which shortens the chain each level waits
    // on; the final pick is arithmetic on the last comparison, hidden from the optimizer,
    // which would otherwise turn it back into a jump: in a queue of random times the winner
    // is random, and the jump would be mispredicted half the time.
    using detail::heap_u128;
    const HeapKey* c = h + first;
    const auto v = [c](int i) { return (static_cast<heap_u128>(c[i].time) << 64) | c[i].tag; };
    const heap_u128 v0 = v(0), v1 = v(1), v2 = v(2), v3 = v(3);
    const bool x = v1 < v0;
    const bool y = v3 < v2;
    const heap_u128 a = x ? v1 : v0;
    const heap_u128 b = y ? v3 : v2;
    const std::size_t ia = x;
    const std::size_t ib = 2 + static_cast<std::size_t>(y);
    std::size_t b_wins = -static_cast<std::size_t>(b < a);
    asm("" : "+r"(b_wins));
    return first + (ia ^ ((ia ^ ib) & b_wins));
}

inline std::size_t KeyHeap::min_of_rest(const HeapKey* h, std::size_t first, std::size_t n) {
    std::size_t best = first;
    for (std::size_t c = first + 1; c < n; ++c)
        if (detail::heap_before(h[c], h[best])) best = c;
    return best;
}

template <bool prefetch>
std::size_t KeyHeap::descend(HeapKey* h, std::size_t n, std::size_t hole) {
    for (std::size_t first = 4 * hole + 1; first + 4 <= n; first = 4 * hole + 1) {
        const std::size_t best = min_of_four(h, first);
        if constexpr (prefetch) {
            // The choice is jump-free, so the CPU cannot run ahead on a guess: load ahead for
            // it. The next level compares the children of `best`; the one after, a group of
            // their children: those four groups are 256 contiguous bytes. Loading one level
            // ahead leaves too little time, loading all sixteen groups two levels ahead
            // saturates the memory queues. Only below the levels that stay in the caches.
            const std::size_t great = 16 * best + 5;
            if (great >= prefetch_above && great < n) {
                const char* p = reinterpret_cast<const char*>(h + great);
                __builtin_prefetch(p);
                __builtin_prefetch(p + 64);
                __builtin_prefetch(p + 128);
                __builtin_prefetch(p + 192);
            }
        }
        h[hole] = h[best];
        hole = best;
    }
    return hole;
}

template <class F>
void KeyHeap::sift_down(HeapKey k, F& soon) {
    // Floyd's method: walk the hole at the root down to a leaf along the smallest children,
    // then sift `k` up from there. New keys are mostly later than most, so it rarely climbs.
    HeapKey* h = base_ + offset;  // a local pointer: stores through it cannot alias base_
    const std::size_t n = size_;
    std::size_t hole = 0;
    if (n >= 5) {
        const std::size_t best = min_of_four(h, 1);
        if (detail::heap_before(h[best], k)) soon(h[best]);
        h[0] = h[best];
        // A heap that fits in the caches (prefetch_above keys) does better without prefetches.
        hole = n > prefetch_above ? descend<true>(h, n, best) : descend<false>(h, n, best);
    }
    // At most one group of fewer than four children is left: their own children would lie
    // past the end.
    const std::size_t first = 4 * hole + 1;
    if (first < n) {
        const std::size_t best = min_of_rest(h, first, n);
        if (hole == 0 && detail::heap_before(h[best], k)) soon(h[best]);
        h[hole] = h[best];
        hole = best;
    }
    sift_up(hole, k);
    // Two events ahead: in a large heap one sift is too short to load a handler from memory.
    if (n > prefetch_above) soon(h[min_of_four(h, 1)]);
}

inline void KeyHeap::sift_up(std::size_t hole, HeapKey k) {
    HeapKey* h = base_ + offset;
    while (hole > 0) {
        const std::size_t parent = (hole - 1) / 4;
        if (!detail::heap_before(k, h[parent])) break;
        h[hole] = h[parent];
        hole = parent;
    }
    h[hole] = k;
}

}  // namespace kafkasim::engine
