// The text of Kafka's offset checkpoint files (OffsetCheckpointFile over CheckpointFile,
// version 0): recovery-point-offset-checkpoint, and for the broker replication-offset-checkpoint
// and log-start-offset-checkpoint. One value per line:
//   0                  the version
//   2                  how many entries follow
//   orders 0 42        topic, partition, offset
//   orders 1 17
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "sim/common/ids.h"

namespace kafkasim::log {

using OffsetMap = std::map<TopicPartition, Offset>;

std::string encode_offset_checkpoint(const OffsetMap& offsets);
// nullopt for text that is not a whole version-0 checkpoint (CheckpointReadBuffer would throw).
std::optional<OffsetMap> decode_offset_checkpoint(std::string_view text);

}  // namespace kafkasim::log
