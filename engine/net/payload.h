// Payload: what a message carries, opaque to the network. It owns a value moved or copied
// in at send, so the receiver can never reach into the sender's memory (design.md, "Nodes
// talk only by messages"). Immutable shared bytes (engine::Block) count as owned: neither side
// can change them, so sharing them is a copy that costs nothing. The layer above defines its message structs; the network only
// moves them.
#pragma once

#include <any>
#include <type_traits>
#include <utility>

#include "engine/assert.h"

namespace kafkasim::engine {

class Payload {
public:
    Payload() = default;

    // T is a copyable value type that owns its data; a raw pointer is refused at compile time.
    template <class T, class V = std::decay_t<T>,
              class = std::enable_if_t<!std::is_same_v<V, Payload>>>
    explicit Payload(T&& value) : value_(std::forward<T>(value)) {
        static_assert(!std::is_pointer_v<V>, "a message owns its data: send a value, not a pointer");
    }

    bool empty() const { return !value_.has_value(); }
    template <class T>
    bool holds() const {
        return std::any_cast<T>(&value_) != nullptr;
    }
    // The carried value. Caller guarantees holds<T>().
    template <class T>
    const T& as() const {
        const T* v = std::any_cast<T>(&value_);
        SIM_ASSERT(v != nullptr, "the payload holds another type: check holds<T>() first");
        return *v;
    }
    template <class T>
    T take() && {
        T* v = std::any_cast<T>(&value_);
        SIM_ASSERT(v != nullptr, "the payload holds another type: check holds<T>() first");
        return std::move(*v);
    }

private:
    std::any value_;
};

}  // namespace kafkasim::engine
