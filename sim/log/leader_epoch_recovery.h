// Rebuilding a replica's leader-epoch cache when its log starts (Kafka's LeaderEpochFileCache
// constructor, then LogLoader.load and LogSegment.recover), from the checkpoint file and the
// batches that recovery found:
//   1. the checkpoint's entries, assigned in order (a missing or unreadable file: none);
//   2. truncate_from_start(log start): entries before it are gone with their segments (Kafka:
//      "the earliest leader epoch may not be flushed during a hard failure");
//   3. truncate_from_end(log end): entries at or past the recovered log end name offsets that
//      are not there (a lost tail, a truncation whose rewrite was not durable, or an epoch a
//      new leader assigned before it wrote anything);
//   4. every batch, oldest first, whose epoch is newer than the latest entry assigns
//      (epoch, base offset): LogSegment.recover's rule, which Kafka applies to the segments it
//      recovers and kafkasim to every batch (it decodes them all anyway). This adds the epochs
//      whose checkpoint rewrite a power loss lost, and rebuilds a missing file;
//   5. the result is checked against the cache that the batches alone give (step 4 from an
//      empty cache). They agree unless a torn tail kept batches written after a truncation
//      whose checkpoint rewrite was lost; then the batches win (Kafka would keep the stale
//      entry: see docs/log.md).
// Step 2 runs before step 3 so that an empty log keeps no entry at its end (Kafka runs them
// the other way round).
#pragma once

#include <cstddef>
#include <map>

#include "sim/log/leader_epoch_cache.h"
#include "sim/log/leader_epoch_checkpoint.h"
#include "sim/log/segment.h"

namespace kafkasim::log {

struct RecoveredEpochs {
    LeaderEpochCache cache;
    EpochCheckpointState checkpoint = EpochCheckpointState::missing;
    std::size_t checkpoint_entries = 0;  // entries the file held
    bool start_moved = false;            // step 2 changed the entries
    std::size_t dropped_past_end = 0;    // step 3
    std::size_t added_from_batches = 0;  // step 4
    bool rebuilt = false;                // step 5 replaced the entries
    // The file does not hold the cache (a missing file and an empty cache agree): it is
    // deleted before anything else is written, then rewritten.
    bool rewrite = false;
};

// `segments` is the recovered log: non-empty, the first segment's base is the log start.
RecoveredEpochs recover_leader_epochs(const EpochCheckpointFile& file, const std::map<Offset, Segment>& segments);

// Assigns (epoch, base offset) for every batch of `segments` whose epoch is >= 0 and newer
// than the cache's latest; returns how many entries it added.
std::size_t assign_newer_epochs(LeaderEpochCache& cache, const std::map<Offset, Segment>& segments);

}  // namespace kafkasim::log
