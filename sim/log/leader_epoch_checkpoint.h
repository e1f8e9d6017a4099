// The file "<dir>/leader-epoch-checkpoint": a replica's leader-epoch cache on disk (Kafka's
// LeaderEpochCheckpointFile over CheckpointFile, version 0). One value per line:
//   0        the version
//   2        how many entries follow
//   0 0      epoch, start offset
//   3 120
// PartitionLog rewrites it whole through a CheckpointWriter (temp file, sync, rename, sync)
// after every change of the cache, so a crash or power loss leaves some earlier content whole,
// or no file (docs/log.md, "The leader-epoch cache").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/disk/disk.h"
#include "sim/log/leader_epoch_cache.h"

namespace kafkasim::log {

std::string encode_leader_epoch_checkpoint(const std::vector<EpochEntry>& entries);
// nullopt unless the text is a whole version-0 file of `epoch offset` entries, both >= 0.
std::optional<std::vector<EpochEntry>> decode_leader_epoch_checkpoint(std::string_view text);

enum class EpochCheckpointState : std::uint8_t {
    found,       // read and decoded
    missing,     // no file: a new replica, or a power loss right after a discard
    unreadable,  // not a checkpoint (Kafka would take the log directory offline)
};

std::string_view to_string(EpochCheckpointState state);

struct EpochCheckpointFile {
    EpochCheckpointState state = EpochCheckpointState::missing;
    std::vector<EpochEntry> entries;  // as written, when found
};

// Reads the file named `name` through the disk's synchronous view (at the log's start).
EpochCheckpointFile read_leader_epoch_checkpoint(const engine::Disk& disk, const std::string& name);

}  // namespace kafkasim::log
