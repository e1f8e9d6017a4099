// The group metadata record a coordinator writes to __consumer_offsets beside the offsets
// (Kafka's GroupMetadataKey, key version 2, and GroupMetadataValue): the generation, the chosen
// protocol, the leader and every member with its subscription and assignment. Kafka writes it
// when the leader's assignment arrives (SyncGroup) and when a rebalance leaves the group
// empty; a coordinator that takes over replays the last one of each group
// (GroupMetadataManager.loadGroupsAndOffsets). Bytes as in offset_record.h; the subscription
// and the assignment are typed here, not ConsumerProtocol bytes (docs/coordinator.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/proto/group_messages.h"

namespace kafkasim::coordinator {

inline constexpr std::int16_t group_metadata_key_version = 2;

struct GroupMemberRecord {
    std::string member_id;
    std::optional<std::string> group_instance_id;
    std::string client_id;
    std::int64_t rebalance_timeout_ms = 0;
    std::int64_t session_timeout_ms = 0;
    std::vector<std::string> protocols;  // the names the member offered, preferred first
    ConsumerSubscription subscription;
    std::vector<TopicPartition> assignment;
    auto operator<=>(const GroupMemberRecord&) const = default;
};

struct GroupMetadataValue {
    std::string protocol_type;
    GenerationId generation{0};
    std::string protocol_name;  // "" for an empty group
    std::string leader;         // "" for an empty group
    std::int64_t state_timestamp_ms = 0;
    std::vector<GroupMemberRecord> members;  // in join order
    auto operator<=>(const GroupMetadataValue&) const = default;
};

std::string encode_group_key(const std::string& group);
std::string encode_group_value(const GroupMetadataValue& value);
// nullopt for bytes that are not a whole record of that kind.
std::optional<std::string> decode_group_key(const std::string& bytes);
std::optional<GroupMetadataValue> decode_group_value(const std::string& bytes);

}  // namespace kafkasim::coordinator
