#include "sim/log/leader_epoch_cache.h"

#include <algorithm>

#include "engine/assert.h"

namespace kafkasim::log {

bool LeaderEpochCache::assign(LeaderEpoch epoch, Offset start_offset) {
    SIM_ASSERT(epoch.value >= 0 && start_offset.value >= 0, "a leader epoch entry needs an epoch and an offset >= 0");
    // isUpdateNeeded: the latest epoch keeps the first offset it was given.
    if (!entries_.empty() && entries_.back().epoch == epoch && start_offset >= entries_.back().start_offset) return false;
    // maybeTruncateNonMonotonicEntries: from the newest back, while an entry would not stay
    // below the new one in both epoch and start offset.
    while (!entries_.empty() && (entries_.back().epoch >= epoch || entries_.back().start_offset >= start_offset))
        entries_.pop_back();
    entries_.push_back({epoch, start_offset});
    check_order();
    return true;
}

EpochEndOffset LeaderEpochCache::end_offset_for(LeaderEpoch requested, Offset log_end_offset) const {
    const EpochEndOffset undefined{undefined_epoch, undefined_epoch_offset};
    if (requested == undefined_epoch) return undefined;
    // The latest epoch is the one still being written to: it ends at the log end.
    if (!entries_.empty() && entries_.back().epoch == requested) return {requested, log_end_offset};
    const auto higher = std::upper_bound(entries_.begin(), entries_.end(), requested,
                                         [](LeaderEpoch e, const EpochEntry& entry) { return e < entry.epoch; });
    if (higher == entries_.end()) return undefined;  // above every epoch known here
    // Below the first entry: its data is gone; the follower may keep everything before the
    // first epoch this replica knows.
    if (higher == entries_.begin()) return {requested, higher->start_offset};
    return {std::prev(higher)->epoch, higher->start_offset};
}

std::size_t LeaderEpochCache::truncate_from_end(Offset end_offset) {
    if (end_offset.value < 0) return 0;
    std::size_t removed = 0;
    while (!entries_.empty() && entries_.back().start_offset >= end_offset) {
        entries_.pop_back();
        ++removed;
    }
    return removed;
}

bool LeaderEpochCache::truncate_from_start(Offset start_offset) {
    const auto first_after = std::find_if(entries_.begin(), entries_.end(),
                                          [&](const EpochEntry& e) { return e.start_offset > start_offset; });
    if (first_after == entries_.begin()) return false;  // nothing starts at or before it
    const EpochEntry moved{std::prev(first_after)->epoch, start_offset};
    const bool changed = first_after - entries_.begin() > 1 || entries_.front() != moved;
    entries_.erase(entries_.begin(), std::prev(first_after));
    entries_.front() = moved;
    check_order();
    return changed;
}

LeaderEpoch LeaderEpochCache::latest_epoch() const { return entries_.empty() ? undefined_epoch : entries_.back().epoch; }

LeaderEpoch LeaderEpochCache::previous_epoch() const {
    return entries_.size() < 2 ? undefined_epoch : entries_[entries_.size() - 2].epoch;
}

std::optional<EpochEntry> LeaderEpochCache::latest_entry() const {
    if (entries_.empty()) return std::nullopt;
    return entries_.back();
}

std::optional<EpochEntry> LeaderEpochCache::earliest_entry() const {
    if (entries_.empty()) return std::nullopt;
    return entries_.front();
}

std::optional<EpochEntry> LeaderEpochCache::entry(LeaderEpoch epoch) const {
    for (const EpochEntry& e : entries_)
        if (e.epoch == epoch) return e;
    return std::nullopt;
}

LeaderEpoch LeaderEpochCache::epoch_for(Offset offset) const {
    LeaderEpoch found = undefined_epoch;
    for (const EpochEntry& e : entries_) {
        if (e.start_offset > offset) break;
        found = e.epoch;
    }
    return found;
}

void LeaderEpochCache::check_order() const {
    for (std::size_t i = 1; i < entries_.size(); ++i)
        SIM_ASSERT(entries_[i - 1].epoch < entries_[i].epoch && entries_[i - 1].start_offset < entries_[i].start_offset,
                   "leader epoch entries increase in both epoch and start offset");
}

}  // namespace kafkasim::log
