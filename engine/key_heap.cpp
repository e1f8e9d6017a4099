#include "engine/key_heap.h"

#include <cstring>
#include <new>

namespace kafkasim::engine {

namespace {

constexpr std::align_val_t line{64};

}  // namespace

KeyHeap::KeyHeap() { grow(); }

KeyHeap::~KeyHeap() { ::operator delete(base_, line); }

void KeyHeap::grow() {
    const std::size_t capacity = capacity_ == 0 ? 1024 : capacity_ * 2;
    auto* fresh = static_cast<HeapKey*>(::operator new((capacity + offset) * sizeof(HeapKey), line));
    if (base_ != nullptr) {
        std::memcpy(fresh + offset, base_ + offset, size_ * sizeof(HeapKey));
        ::operator delete(base_, line);
    }
    base_ = fresh;
    capacity_ = capacity;
}

void KeyHeap::push(HeapKey k) {
    if (size_ == capacity_) grow();
    HeapKey* h = base_ + offset;  // a local pointer: stores through it cannot alias base_
    std::size_t hole = size_++;
    while (hole > 0) {
        const std::size_t parent = (hole - 1) / 4;
        if (!detail::heap_before(k, h[parent])) break;
        h[hole] = h[parent];
        hole = parent;
    }
    h[hole] = k;
}

}  // namespace kafkasim::engine
