// Handler: a type-erased `void()` callable stored in place, so that scheduling an event
// allocates nothing (phold.md: one allocation per event costs ~30% of the event rate, and a
// std::function moved through heap sifts ~45%). Callables larger than the inline buffer are
// boxed on the heap; the engine's own wrappers stay inside it.
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace kafkasim::engine {

class Handler {
public:
    static constexpr std::size_t inline_size = 48;
    // Pointer alignment keeps a Handler at 56 bytes, so a queue slot with its sequence
    // number fills one 64-byte cache line. Over-aligned callables are boxed.
    static constexpr std::size_t buffer_align = alignof(void*);

    Handler() = default;
    Handler(const Handler&) = delete;
    Handler& operator=(const Handler&) = delete;
    ~Handler() { reset(); }

    // Caller guarantees the Handler is empty.
    template <class F>
    void emplace(F&& f) {
        using T = std::decay_t<F>;
        if constexpr (fits_inline<T>()) {
            ::new (static_cast<void*>(buf_)) T(std::forward<F>(f));
            ops_ = &inline_ops<T>;
        } else {
            ::new (static_cast<void*>(buf_)) T*(new T(std::forward<F>(f)));
            ops_ = &boxed_ops<T>;
        }
    }

    explicit operator bool() const { return ops_ != nullptr; }
    void operator()() { ops_->invoke(buf_); }

    void reset() {
        if (ops_ != nullptr) {
            if (ops_->destroy != nullptr) ops_->destroy(buf_);
            ops_ = nullptr;
        }
    }

private:
    struct Ops {
        void (*invoke)(void*);
        void (*destroy)(void*);
    };

    template <class T>
    static constexpr bool fits_inline() {
        return sizeof(T) <= inline_size && alignof(T) <= buffer_align;
    }

    // Trivially destructible callables (most of them) skip the indirect destroy call.
    template <class T>
    static constexpr Ops inline_ops{
        [](void* p) { (*std::launder(static_cast<T*>(p)))(); },
        std::is_trivially_destructible_v<T> ? nullptr
                                            : +[](void* p) { std::launder(static_cast<T*>(p))->~T(); },
    };
    template <class T>
    static constexpr Ops boxed_ops{
        [](void* p) { (**std::launder(static_cast<T**>(p)))(); },
        [](void* p) { delete *std::launder(static_cast<T**>(p)); },
    };

    alignas(buffer_align) unsigned char buf_[inline_size];
    const Ops* ops_ = nullptr;
};

}  // namespace kafkasim::engine
