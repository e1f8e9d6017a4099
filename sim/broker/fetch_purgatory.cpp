#include "sim/broker/fetch_purgatory.h"

#include <algorithm>

namespace kafkasim::broker {

void FetchPurgatory::watch(const std::shared_ptr<DelayedFetch>& op) {
    op->id = next_id_++;
    waiting_.emplace(op->id, op);
    op->watched_in.reserve(op->request.partitions.size());
    for (const auto& want : op->request.partitions) {
        std::vector<std::uint64_t>& list = watchers_[want.tp];
        list.push_back(op->id);
        op->watched_in.push_back(&list);
    }
}

void FetchPurgatory::forget(const DelayedFetch& op) {
    if (waiting_.erase(op.id) == 0) return;
    for (std::vector<std::uint64_t>* list : op.watched_in) std::erase(*list, op.id);
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
