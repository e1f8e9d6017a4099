#include "sim/broker/fetch_purgatory.h"

#include <algorithm>

namespace kafkasim::broker {

void FetchPurgatory::watch(const std::shared_ptr<DelayedFetch>& op) {
    op->id = next_id_++;
    waiting_.emplace(op->id, op);
    for (const auto& want : op->request.partitions) watchers_[want.tp].push_back(op->id);
}

void FetchPurgatory::forget(const DelayedFetch& op) {
    if (waiting_.erase(op.id) == 0) return;
    for (const auto& want : op.request.partitions) {
        const auto it = watchers_.find(want.tp);
        if (it == watchers_.end()) continue;
        // An emptied list stays: the partition's next fetch reuses it rather than a new node.
        std::erase(it->second, op.id);
    }
}

std::vector<std::shared_ptr<DelayedFetch>> FetchPurgatory::take_woken() {
    std::vector<std::shared_ptr<DelayedFetch>> out;
    if (touched_.empty()) return out;
    std::vector<std::uint64_t> ids;
    for (const TopicPartition& tp : touched_) {
        const auto it = watchers_.find(tp);
        if (it != watchers_.end()) ids.insert(ids.end(), it->second.begin(), it->second.end());
    }
    touched_.clear();
    // A fetch watching several touched partitions is checked once, and all in arrival order.
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    out.reserve(ids.size());
    for (std::uint64_t id : ids) out.push_back(waiting_.at(id));
    checks_ += out.size();
    return out;
}

}  // namespace kafkasim::broker
