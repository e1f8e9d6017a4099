// Recovery of a partition log from its files when its process starts (Kafka's LogLoader and
// LogSegment.recover), read through the disk's synchronous views (Disk::list_now, read_now):
// the segment files in offset order and the recovery-point checkpoint.
//
// Every batch is decoded: the valid log ends at the first batch that is cut short (a torn
// tail), fails its length, magic or CRC check, or does not start where the one before it ended
// (within a segment, or from one segment to the next). The segment holding that point is cut
// back to its last whole batch and every later segment is deleted, as LogLoader deletes the
// unflushed segments after a corrupt one. A crash loses nothing (the page cache kept every
// write); a power loss may leave an unsynced tail cut anywhere, and both recover to a log that
// is a prefix of what was written.
//
// Kafka trusts the segments below the recovery point and scans only the rest; kafkasim keeps
// no index or producer-state files, so it reads every batch anyway and checks all of them. The
// recovery point says how many segments Kafka would have had to scan (unflushed_segments).
// This function only reads; PartitionLog applies the plan (truncate, remove) to the files.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/disk/disk.h"
#include "sim/log/segment.h"

namespace kafkasim::log {

struct RecoveredLog {
    std::map<Offset, Segment> segments;         // the valid log, in offset order; may be empty
    Offset recovery_point{0};                   // the checkpoint's, at most the log end offset
    std::optional<Offset> checkpointed;         // what the checkpoint file held, if it was readable
    std::optional<std::string> truncate_file;   // the segment file to cut back ...
    std::uint64_t truncate_length = 0;          // ... to this length
    std::vector<std::string> remove_files;      // segment files past the valid log, newest first
    std::int64_t truncated_bytes = 0;           // bytes past the valid log, in every file
    std::size_t unflushed_segments = 0;         // segments at or past the recovery point
};

RecoveredLog recover_log(const engine::Disk& disk, const TopicPartition& tp, engine::Instant now);

}  // namespace kafkasim::log
