// Names of a partition log's files on a node's flat disk. Kafka keeps each partition's log in
// a directory named "<topic>-<partition>" under a log directory; the simulated disk has no
// directories, so the directory is a name prefix ending in '/': "orders-0/".
//   "orders-0/00000000000000000042.log"           a segment, named by its base offset (20 digits, LogFileUtils)
//   "orders-0/recovery-point-offset-checkpoint"   the recovery point (log_recovery.h)
//   "orders-0/leader-epoch-checkpoint"            the leader-epoch cache (leader_epoch_checkpoint.h)
//   "replication-offset-checkpoint"               every replica's high watermark, one file per
//                                                 disk (high_watermark_checkpoint.h)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/disk/disk.h"
#include "sim/common/ids.h"

namespace kafkasim::log {

std::string log_dir(const TopicPartition& tp);                      // "orders-0/"
std::string segment_file(const std::string& dir, Offset base_offset);
std::string recovery_point_file(const std::string& dir);
std::string leader_epoch_file(const std::string& dir);
std::string high_watermark_file();  // at the disk's top level
// The base offset named by a file in `dir`, if `name` is a segment file there.
std::optional<Offset> parse_segment_file(const std::string& dir, std::string_view name);
// "orders-0" back to {orders, 0}; nullopt if it does not end in "-<number>".
std::optional<TopicPartition> parse_log_dir(std::string_view dir_without_slash);

// The partitions that have at least one segment file on `disk`, in name order: what a broker
// finds in its log directory when it starts (LogManager.loadLogs).
std::vector<TopicPartition> partitions_on_disk(const engine::Disk& disk);

}  // namespace kafkasim::log
