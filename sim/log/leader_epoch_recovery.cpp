#include "sim/log/leader_epoch_recovery.h"

#include "engine/assert.h"

namespace kafkasim::log {

std::size_t assign_newer_epochs(LeaderEpochCache& cache, const std::map<Offset, Segment>& segments) {
    std::size_t added = 0;
    for (const auto& [base, segment] : segments) {
        for (const StoredBatch& b : segment.batches()) {
            const LeaderEpoch epoch = b.header.partition_leader_epoch;
            if (epoch.value < 0 || (!cache.empty() && epoch <= cache.latest_epoch())) continue;
            cache.assign(epoch, b.header.base_offset);
            ++added;
        }
    }
    return added;
}

RecoveredEpochs recover_leader_epochs(const EpochCheckpointFile& file, const std::map<Offset, Segment>& segments) {
    SIM_ASSERT(!segments.empty(), "a recovered log has at least one segment");
    const Offset log_start = segments.begin()->first;
    const Offset log_end = segments.rbegin()->second.next_offset();
    RecoveredEpochs r;
    r.checkpoint = file.state;
    r.checkpoint_entries = file.entries.size();
    for (const EpochEntry& e : file.entries) r.cache.assign(e.epoch, e.start_offset);
    r.start_moved = r.cache.truncate_from_start(log_start);
    r.dropped_past_end = r.cache.truncate_from_end(log_end);
    r.added_from_batches = assign_newer_epochs(r.cache, segments);
    LeaderEpochCache from_batches;
    assign_newer_epochs(from_batches, segments);
    if (from_batches.entries() != r.cache.entries()) {
        r.cache = std::move(from_batches);
        r.rebuilt = true;
    }
    switch (file.state) {
        case EpochCheckpointState::found: r.rewrite = r.cache.entries() != file.entries; break;
        case EpochCheckpointState::missing: r.rewrite = !r.cache.empty(); break;
        case EpochCheckpointState::unreadable: r.rewrite = true; break;
    }
    return r;
}

}  // namespace kafkasim::log
