// Iteration order of java.util.HashMap / HashSet (OpenJDK HashMap.putVal, resize, treeifyBin).
#include "sim/assign/java_hash_order.h"

#include <algorithm>

#include "engine/assert.h"

namespace kafkasim::assign {

namespace {
constexpr std::size_t treeify_threshold = 8;   // HashMap.TREEIFY_THRESHOLD
constexpr std::size_t min_treeify_buckets = 64;  // HashMap.MIN_TREEIFY_CAPACITY
}  // namespace

std::size_t JavaHashOrder::bucket_of(std::size_t handle) const {
    return entries_[handle].spread_hash & (buckets_ - 1);
}

void JavaHashOrder::resize(std::size_t buckets) {
    buckets_ = buckets;
    bucket_sizes_.assign(buckets_, 0);
    for (std::size_t k = 0; k < entries_.size(); ++k)
        if (entries_[k].present) ++bucket_sizes_[bucket_of(k)];
}

std::size_t JavaHashOrder::insert(std::int32_t hash_code) {
    const auto h = static_cast<std::uint32_t>(hash_code);
    entries_.push_back(Entry{h ^ (h >> 16), true});
    const std::size_t handle = entries_.size() - 1;
    const std::size_t already_in_bucket = bucket_sizes_[bucket_of(handle)]++;
    ++size_;
    // putVal calls treeifyBin once the bucket it appended to had 8 entries; below 64
    // buckets treeifyBin only doubles the table.
    if (already_in_bucket >= treeify_threshold && buckets_ < min_treeify_buckets) resize(buckets_ * 2);
    if (size_ > buckets_ / 4 * 3) resize(buckets_ * 2);  // threshold = 0.75 * capacity
    return handle;
}

void JavaHashOrder::erase(std::size_t handle) {
    SIM_ASSERT(handle < entries_.size() && entries_[handle].present, "erase a present key");
    entries_[handle].present = false;
    --bucket_sizes_[bucket_of(handle)];
    --size_;
}

std::vector<std::size_t> JavaHashOrder::iteration_order() const {
    std::vector<std::size_t> order;
    for (std::size_t k = 0; k < entries_.size(); ++k)
        if (entries_[k].present) order.push_back(k);
    // Handles grow with insertion, so a stable sort by bucket keeps insertion order inside
    // each bucket.
    std::stable_sort(order.begin(), order.end(),
                     [this](std::size_t a, std::size_t b) { return bucket_of(a) < bucket_of(b); });
    return order;
}

std::vector<std::size_t> java_hash_map_order(const std::vector<std::int32_t>& hash_codes) {
    JavaHashOrder order;
    for (const std::int32_t h : hash_codes) order.insert(h);
    return order.iteration_order();
}

}  // namespace kafkasim::assign
