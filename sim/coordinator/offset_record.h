// The records a coordinator writes to __consumer_offsets for a committed offset, as bytes in
// the record's key and value strings (docs/coordinator.md gives the layout). Kafka writes an
// OffsetCommitKey (key version 1: group, topic, partition) and an OffsetCommitValue (offset,
// leader epoch, metadata, commit timestamp); kafkasim keeps those fields and Kafka's key
// version numbers, so group metadata records (key version 2) can share the partition later.
// Integers are big-endian as in Kafka's serialisation; strings carry a 2-byte length.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/common/ids.h"

namespace kafkasim::coordinator {

inline constexpr std::int16_t offset_commit_key_version = 1;

struct OffsetCommitKey {
    std::string group;
    TopicPartition tp;
    auto operator<=>(const OffsetCommitKey&) const = default;
};

struct OffsetCommitValue {
    Offset offset{-1};
    LeaderEpoch leader_epoch{-1};
    std::string metadata;
    std::int64_t commit_timestamp_ms = 0;
    auto operator<=>(const OffsetCommitValue&) const = default;
};

std::string encode_key(const OffsetCommitKey& key);
std::string encode_value(const OffsetCommitValue& value);

// The key's version without decoding the rest: 1 for an offset commit; another version is a
// record kafkasim does not read here. nullopt for bytes too short to hold one.
std::optional<std::int16_t> key_version(const std::string& bytes);
// nullopt for bytes that are not a whole record of that kind.
std::optional<OffsetCommitKey> decode_key(const std::string& bytes);
std::optional<OffsetCommitValue> decode_value(const std::string& bytes);

}  // namespace kafkasim::coordinator
