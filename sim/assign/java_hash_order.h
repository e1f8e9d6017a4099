// JavaHashOrder: the iteration order of a java.util.HashMap (or HashSet) with default
// capacity, given the hash codes of the keys put into it and removed from it.
//
// Kafka's sticky assignors iterate HashMaps of member ids and HashSets of partitions, and a
// few of their results depend on that order (which member keeps maxQuota partitions, which
// of two equal claims counts as the previous owner, which moved partition moves back).
// Java's order is a pure function of the keys' hashCode and the insertion history, so we
// reproduce it instead of choosing our own:
// - the table starts at 16 buckets and doubles when the size passes 3/4 of it, or when a
//   put makes a bucket hold 9 entries while the table has fewer than 64 buckets;
// - a key lives in bucket (h ^ (h >>> 16)) & (buckets - 1);
// - iteration walks buckets in index order, and inside a bucket in insertion order (a resize
//   splits a bucket keeping relative order; a removal unlinks; a new key goes last).
// Not reproduced: a bucket that turns into a red-black tree (9+ keys in one bucket of a table
// of 64+ buckets) iterates in tree-insertion order in Java; we keep insertion order there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kafkasim::assign {

class JavaHashOrder {
public:
    // Puts a key that is not present; returns its handle.
    std::size_t insert(std::int32_t hash_code);
    // Removes the key with this handle (which must be present).
    void erase(std::size_t handle);
    // Handles of present keys in Java's iteration order.
    std::vector<std::size_t> iteration_order() const;
    std::size_t size() const { return size_; }

private:
    std::size_t bucket_of(std::size_t handle) const;
    void resize(std::size_t buckets);

    struct Entry {
        std::uint32_t spread_hash;
        bool present;
    };
    std::vector<Entry> entries_;  // indexed by handle; handles grow with insertion order
    std::size_t buckets_ = 16;
    std::vector<std::size_t> bucket_sizes_ = std::vector<std::size_t>(16);  // present keys per bucket
    std::size_t size_ = 0;
};

// Indices 0..n-1 of keys put in that order into a fresh HashMap, in its iteration order.
std::vector<std::size_t> java_hash_map_order(const std::vector<std::int32_t>& hash_codes);

}  // namespace kafkasim::assign
