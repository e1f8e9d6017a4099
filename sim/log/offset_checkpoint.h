// The text of Kafka's checkpoint files (CheckpointFile, version 0): one value per line,
//   0                  the version
//   2                  how many entries follow
//   orders 0 42        one entry per line, its fields separated by single spaces
//   orders 1 17
// Offset checkpoints (OffsetCheckpointFile) hold `topic partition offset` entries:
// recovery-point-offset-checkpoint, and for the broker replication-offset-checkpoint
// (high_watermark_checkpoint.h). The leader-epoch checkpoint holds `epoch start_offset`
// entries (leader_epoch_checkpoint.h).
#pragma once

#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/common/ids.h"

namespace kafkasim::log {

using OffsetMap = std::map<TopicPartition, Offset>;

std::string encode_offset_checkpoint(const OffsetMap& offsets);
// nullopt for text that is not a whole version-0 checkpoint (CheckpointReadBuffer would throw).
std::optional<OffsetMap> decode_offset_checkpoint(std::string_view text);

// Any version-0 checkpoint: the lines of its entries, already formatted.
std::string encode_checkpoint(const std::vector<std::string>& entry_lines);
// The fields of every entry; nullopt unless the text is a whole version-0 file whose count
// matches and whose every entry has exactly `fields` non-empty fields.
std::optional<std::vector<std::vector<std::string_view>>> decode_checkpoint(std::string_view text, std::size_t fields);

// A whole decimal number that fits in Int, or nullopt.
template <class Int>
std::optional<Int> parse_checkpoint_int(std::string_view s) {
    Int v{};
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

}  // namespace kafkasim::log
