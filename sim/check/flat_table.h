// Open-addressing hash tables for the checkers' indexes: a map from a 64-bit key (ids packed
// two by two) to a small value, and an interner from a string to a dense id. Both only answer
// lookups: nothing iterates them, so their order (which depends on the hash) never reaches a
// report. One allocation per table instead of a node per entry, and no string compares on the
// way down a tree: the checkers look up every record of a run several times.
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/assert.h"

namespace kafkasim::check {

using Id = std::uint32_t;
inline constexpr Id no_id = std::numeric_limits<Id>::max();

// Two ids as one key.
constexpr std::uint64_t pair_key(Id a, Id b) { return (std::uint64_t{a} << 32) | b; }

// splitmix64's finalizer: every bit of the key moves the slot.
constexpr std::uint64_t mix64(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

template <class V>
class KeyMap {
public:
    // The value under `key`, inserted as `init` if absent; second: whether it was inserted.
    std::pair<V*, bool> try_emplace(std::uint64_t key, V init = V{}) {
        if ((used_ + 1) * 4 > slots_.size() * 3) grow();
        std::size_t i = slot_of(key);
        for (; slots_[i].full; i = (i + 1) & mask_)
            if (slots_[i].key == key) return {&slots_[i].value, false};
        slots_[i] = Slot{key, std::move(init), true};
        ++used_;
        return {&slots_[i].value, true};
    }
    V& operator[](std::uint64_t key) { return *try_emplace(key).first; }
    const V* find(std::uint64_t key) const {
        if (slots_.empty()) return nullptr;
        for (std::size_t i = slot_of(key); slots_[i].full; i = (i + 1) & mask_)
            if (slots_[i].key == key) return &slots_[i].value;
        return nullptr;
    }
    bool contains(std::uint64_t key) const { return find(key) != nullptr; }
    std::size_t size() const { return used_; }
    void reserve(std::size_t n) {
        std::size_t want = 16;
        while (want * 3 < n * 4 + 4) want *= 2;
        if (want > slots_.size()) rehash(want);
    }

private:
    struct Slot {
        std::uint64_t key = 0;
        V value{};
        bool full = false;
    };
    std::size_t slot_of(std::uint64_t key) const { return static_cast<std::size_t>(mix64(key)) & mask_; }
    void grow() { rehash(slots_.empty() ? 16 : slots_.size() * 2); }
    void rehash(std::size_t size) {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(size, Slot{});
        mask_ = size - 1;
        for (Slot& s : old)
            if (s.full) {
                std::size_t i = slot_of(s.key);
                while (slots_[i].full) i = (i + 1) & mask_;
                slots_[i] = std::move(s);
            }
    }

    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    std::size_t used_ = 0;
};

using KeySet = KeyMap<bool>;

// Strings numbered 0, 1, 2… in the order they are first interned. The strings are views: their
// owner (the history, the replica snapshot) outlives the interner.
class Interner {
public:
    Id intern(std::string_view s) {
        if ((strings_.size() + 1) * 4 > slots_.size() * 3) rehash(slots_.empty() ? 16 : slots_.size() * 2);
        const std::uint64_t h = hash(s);
        std::size_t i = static_cast<std::size_t>(h) & mask_;
        for (; slots_[i] != 0; i = (i + 1) & mask_)
            if (hashes_[slots_[i] - 1] == h && strings_[slots_[i] - 1] == s) return slots_[i] - 1;
        SIM_ASSERT(strings_.size() < no_id, "fewer than 2^32 distinct strings in a run's history");
        strings_.push_back(s);
        hashes_.push_back(h);
        slots_[i] = static_cast<Id>(strings_.size());
        return slots_[i] - 1;
    }
    Id find(std::string_view s) const {
        if (slots_.empty()) return no_id;
        const std::uint64_t h = hash(s);
        for (std::size_t i = static_cast<std::size_t>(h) & mask_; slots_[i] != 0; i = (i + 1) & mask_)
            if (hashes_[slots_[i] - 1] == h && strings_[slots_[i] - 1] == s) return slots_[i] - 1;
        return no_id;
    }
    std::string_view operator[](Id id) const { return strings_[id]; }
    std::size_t size() const { return strings_.size(); }
    void reserve(std::size_t n) {
        strings_.reserve(n);
        hashes_.reserve(n);
        std::size_t want = 16;
        while (want * 3 < n * 4 + 4) want *= 2;
        if (want > slots_.size()) rehash(want);
    }

private:
    // Eight bytes at a time: record values are short, and std::hash's byte loop cost more than
    // the probing. Any order of bytes will do: nothing iterates by hash.
    static std::uint64_t hash(std::string_view s) {
        std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ s.size();
        std::size_t i = 0;
        for (; i + 8 <= s.size(); i += 8) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
            h ^= h >> 29;
        }
        std::uint64_t tail = 0;
        std::memcpy(&tail, s.data() + i, s.size() - i);
        return mix64(h ^ tail);
    }
    void rehash(std::size_t size) {
        slots_.assign(size, 0);
        mask_ = size - 1;
        for (std::size_t id = 0; id < strings_.size(); ++id) {
            std::size_t i = static_cast<std::size_t>(hashes_[id]) & mask_;
            while (slots_[i] != 0) i = (i + 1) & mask_;
            slots_[i] = static_cast<Id>(id + 1);
        }
    }

    std::vector<std::string_view> strings_;
    std::vector<std::uint64_t> hashes_;
    std::vector<Id> slots_;  // id + 1; 0: empty
    std::size_t mask_ = 0;
};

// An interner's last answer, for names that come in runs (a partition's topic, a member's
// group): one compare instead of a hash and a probe.
class LastName {
public:
    Id intern(Interner& names, std::string_view s) {
        if (id_ == no_id || s != last_) {
            id_ = names.intern(s);
            last_ = s;
        }
        return id_;
    }

private:
    std::string_view last_;
    Id id_ = no_id;
};

}  // namespace kafkasim::check
