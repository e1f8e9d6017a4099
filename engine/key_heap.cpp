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
    sift_up(size_++, k);
}

}  // namespace kafkasim::engine
