// "replication-offset-checkpoint": the high watermark of every partition replica on a broker's
// disk (Kafka's ReplicaManager.checkpointHighWatermarks, one OffsetCheckpointFile per log
// directory; here one per broker disk, at its top level beside the partition directories).
// The broker writes it every replica.high.watermark.checkpoint.interval.ms (5000) and reads it
// once at start; each PartitionLog then starts from its partition's value
// (PartitionLogOptions::initial_high_watermark), clamped to its log start and end as
// UnifiedLog.updateHighWatermark does, as Kafka's Partition.createLog sets it.
//
// The text is an offset checkpoint (offset_checkpoint.h): `0`, the count, `topic partition hw`
// lines. Each write replaces the file whole (CheckpointWriter: temp file, sync, rename, sync),
// so a crash or power loss leaves the content of some completed write, or none before the
// first. A high watermark read back may therefore be older than the one the broker last had,
// never newer: a restarted follower only learns the rest from its leader.
#pragma once

#include <optional>
#include <string>

#include "engine/disk/disk.h"
#include "sim/log/checkpoint_writer.h"
#include "sim/log/offset_checkpoint.h"

namespace kafkasim::log {

class HighWatermarkCheckpoint {
public:
    // Removes a temporary file left by a write that a crash or power loss interrupted.
    explicit HighWatermarkCheckpoint(engine::Disk& disk);
    HighWatermarkCheckpoint(const HighWatermarkCheckpoint&) = delete;
    HighWatermarkCheckpoint& operator=(const HighWatermarkCheckpoint&) = delete;

    // Replaces the file with `high_watermarks` (every partition the broker holds; one left out
    // is forgotten). A write while one is under way is queued, and a later one replaces a
    // queued one (CheckpointWriter). `done` (may be empty): ok once this content or a newer
    // one is durable, else the failing step's status (a full disk: the old file stays).
    void write(const OffsetMap& high_watermarks, engine::StatusDone done);
    bool busy() const { return writer_.busy(); }

    // The file as it is now: an empty map when there is none (a new broker), nullopt when its
    // text is not a checkpoint (Kafka would fail the log directory). For a starting broker.
    static std::optional<OffsetMap> read_now(const engine::Disk& disk);

private:
    CheckpointWriter writer_;
};

}  // namespace kafkasim::log
