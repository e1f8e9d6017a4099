#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "engine/key_heap.h"
#include "engine/random.h"

using namespace kafkasim::engine;

namespace {

bool key_less(const HeapKey& a, const HeapKey& b) { return a.time != b.time ? a.time < b.time : a.tag < b.tag; }

// Pops every key and checks that they come out in (time, tag) order, all of them.
void check_drains_in_order(KeyHeap& heap, std::vector<HeapKey> expected) {
    std::sort(expected.begin(), expected.end(), key_less);
    REQUIRE(heap.size() == expected.size());
    for (const HeapKey& want : expected) {
        REQUIRE_FALSE(heap.empty());
        const HeapKey got = heap.top();
        REQUIRE(got.time == want.time);
        REQUIRE(got.tag == want.tag);
        heap.pop();
    }
    CHECK(heap.empty());
}

}  // namespace

TEST_SUITE("quick") {

// Sizes around every shape of the last group of children (one to four), and past
// the size where sifts start prefetching; times repeat so the tag decides ties.
TEST_CASE("the key heap pops in time then tag order at every size") {
    Random rng = Random::from_seed(7);
    for (std::size_t n : {0u, 1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u, 9u, 20u, 21u, 22u, 85u, 86u, 1000u, 70000u}) {
        CAPTURE(n);
        KeyHeap heap;
        std::vector<HeapKey> keys;
        for (std::size_t i = 0; i < n; ++i) {
            const HeapKey k{rng.uniform(n / 4 + 1), rng.next_u64()};
            keys.push_back(k);
            heap.push(k);
        }
        check_drains_in_order(heap, keys);
    }
}

TEST_CASE("the key heap replaces its top and hints at the keys that surface next") {
    Random rng = Random::from_seed(11);
    for (std::size_t n : {1u, 2u, 5u, 6u, 300u, 70000u}) {
        CAPTURE(n);
        KeyHeap heap;
        std::vector<HeapKey> keys;
        std::vector<std::size_t> index_of_tag{0};  // tags count up from 1
        std::uint64_t tag = 0;
        for (std::size_t i = 0; i < n; ++i) {
            keys.push_back({rng.uniform(1000), ++tag});
            index_of_tag.push_back(i);
            heap.push(keys.back());
        }
        // As the event queue does: the running event's key at the root is replaced by the
        // key of the event it schedules, at the same time (then it is often the new top
        // itself) or later.
        for (int round = 0; round < 2000; ++round) {
            const HeapKey top = heap.top();
            const std::size_t i = index_of_tag.at(top.tag);
            const HeapKey fresh{round % 7 == 0 ? top.time : top.time + rng.uniform(1000), ++tag};
            keys[i] = fresh;
            index_of_tag.push_back(i);
            std::vector<std::uint64_t> hinted;
            heap.replace_top(fresh, [&](const HeapKey& soon) { hinted.push_back(soon.tag); });
            // Hints name the new top (when it is not the key just put in) and, in a heap too
            // large for the caches, the key after it.
            if (n <= 300 || round % 100 == 0) {
                std::vector<HeapKey> sorted = keys;
                std::partial_sort(sorted.begin(), sorted.begin() + std::min<std::ptrdiff_t>(2, sorted.size()),
                                  sorted.end(), key_less);
                REQUIRE(heap.top().tag == sorted[0].tag);
                if (n > 65536) {  // KeyHeap::prefetch_above: past it the heap loads ahead
                    REQUIRE_FALSE(hinted.empty());
                    CHECK(hinted.back() == sorted[1].tag);
                    if (hinted.size() == 2) CHECK(hinted.front() == sorted[0].tag);
                    CHECK(hinted.size() <= 2);
                } else {
                    CHECK(hinted.size() <= 1);
                    if (!hinted.empty()) CHECK(hinted.front() == sorted[0].tag);
                }
            }
        }
        check_drains_in_order(heap, keys);
    }
}

}  // TEST_SUITE
