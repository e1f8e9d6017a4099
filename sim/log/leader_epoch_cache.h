// LeaderEpochCache: which leader epoch wrote which part of one replica's log, as entries
// (epoch, start offset): the first offset written in each epoch (Kafka's LeaderEpochFileCache,
// KIP-101 with the KIP-279 fix; kafka-semantics.md §d, "Leader epochs and follower truncation").
// A leader answers OffsetsForLeaderEpoch, and the diverging-epoch check of a Fetch (KAFKA-10554),
// with end_offset_for; a follower truncates by the answer.
//
// Entries keep both epochs and start offsets strictly increasing: assign() first drops every
// trailing entry that would break that order, as Kafka's maybeTruncateNonMonotonicEntries.
// This class is the cache in memory only; PartitionLog persists it after every change in
// "<dir>/leader-epoch-checkpoint" (leader_epoch_checkpoint.h) and reconciles it with the log
// at start (leader_epoch_recovery.h).
#pragma once

#include <compare>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "sim/common/ids.h"

namespace kafkasim::log {

// OffsetsForLeaderEpochResponse.UNDEFINED_EPOCH and UNDEFINED_EPOCH_OFFSET.
constexpr LeaderEpoch undefined_epoch{-1};
constexpr Offset undefined_epoch_offset{-1};

struct EpochEntry {
    LeaderEpoch epoch;
    Offset start_offset;
    auto operator<=>(const EpochEntry&) const = default;
};

// (epoch, end offset): the answer to "where does this epoch end?".
using EpochEndOffset = std::pair<LeaderEpoch, Offset>;

class LeaderEpochCache {
public:
    LeaderEpochCache() = default;

    // Records that `epoch` starts at `start_offset`; both must be >= 0 (Kafka throws otherwise).
    // Ignored when `epoch` is the latest and `start_offset` is not below its start (an epoch
    // keeps the first offset it wrote). Otherwise every trailing entry whose epoch is >= `epoch`
    // or whose start is >= `start_offset` is dropped first. True if the entries changed.
    bool assign(LeaderEpoch epoch, Offset start_offset);

    // Kafka's endOffsetFor(requestedEpoch, logEndOffset):
    //   requested = -1                    → (-1, -1)
    //   requested is the latest epoch     → (requested, log_end_offset)
    //   no entry has an epoch > requested → (-1, -1)   (also: the cache is empty)
    //   no entry has an epoch <= requested → (requested, start of the first entry)
    //   otherwise → (largest epoch <= requested, start of the first epoch > requested)
    EpochEndOffset end_offset_for(LeaderEpoch requested, Offset log_end_offset) const;

    // Drops every entry starting at or after `end_offset` (the log was truncated there);
    // returns how many. A negative offset drops nothing, as in Kafka.
    std::size_t truncate_from_end(Offset end_offset);
    // Drops every entry that starts at or before `start_offset` and puts the last of them back
    // starting at `start_offset` (the log now starts there: that epoch covers its first records).
    // Entries after it stay. True if the entries changed.
    bool truncate_from_start(Offset start_offset);
    void clear() { entries_.clear(); }

    bool empty() const { return entries_.empty(); }
    // The newest epoch, or -1 when empty.
    LeaderEpoch latest_epoch() const;
    // The epoch of the entry before the newest, or -1 (Kafka's previousEpoch()).
    LeaderEpoch previous_epoch() const;
    std::optional<EpochEntry> latest_entry() const;
    std::optional<EpochEntry> earliest_entry() const;
    std::optional<EpochEntry> entry(LeaderEpoch epoch) const;
    // The epoch that wrote `offset`: that of the last entry starting at or before it, or -1
    // when it lies before the first entry (Kafka's epochForOffset).
    LeaderEpoch epoch_for(Offset offset) const;
    // Every entry, oldest first.
    const std::vector<EpochEntry>& entries() const { return entries_; }

private:
    void check_order() const;

    std::vector<EpochEntry> entries_;  // epochs and start offsets strictly increasing
};

}  // namespace kafkasim::log
