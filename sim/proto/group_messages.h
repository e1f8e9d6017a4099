// The classic group protocol's requests (Kafka's JoinGroup v5+, SyncGroup, Heartbeat,
// LeaveGroup v3+; kafka-semantics.md §c), with the fields kafkasim models. Kafka carries each
// protocol's metadata and each assignment as opaque bytes the consumer's assignors encode
// (ConsumerProtocol); here both are typed: every protocol a member offers shares one
// subscription (its topics and, for the sticky assignors, what it owns and since which
// generation), and an assignment is a partition list (docs/fidelity.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/time.h"
#include "sim/common/errors.h"
#include "sim/common/ids.h"

namespace kafkasim {

inline constexpr const char* consumer_protocol_type = "consumer";

// What a member sends as its protocol metadata (ConsumerProtocolSubscription).
struct ConsumerSubscription {
    std::vector<std::string> topics;          // sorted, no duplicates
    std::vector<TopicPartition> owned;        // what the member holds now (cooperative; sticky)
    GenerationId generation = no_generation;  // in which it was assigned `owned`
    auto operator<=>(const ConsumerSubscription&) const = default;
};

struct JoinGroupRequest {
    std::string group_id;
    engine::Duration session_timeout = engine::Duration::ms(45000);     // session.timeout.ms
    engine::Duration rebalance_timeout = engine::Duration::ms(300000);  // max.poll.interval.ms
    std::string member_id;                                              // "" on a first join
    std::optional<std::string> group_instance_id;                       // group.instance.id
    std::string protocol_type = consumer_protocol_type;
    std::vector<std::string> protocols;                                 // assignor names, preferred first
    ConsumerSubscription subscription;
    std::string client_id;                                              // the member id's prefix
};

struct JoinGroupMember {
    std::string member_id;
    std::optional<std::string> group_instance_id;
    ConsumerSubscription subscription;
};

struct JoinGroupResponse {
    Errc error = Errc::none;
    GenerationId generation = no_generation;
    std::string protocol_name;               // the assignor the group chose
    std::string leader;                      // the leader's member id
    std::string member_id;                   // also set with MEMBER_ID_REQUIRED
    std::vector<JoinGroupMember> members;    // only for the leader
    // KIP-814: a static leader that rejoined a stable group gets the members but must not
    // assign; its old assignment stands.
    bool skip_assignment = false;
};

struct SyncGroupRequest {
    struct Assignment {
        std::string member_id;
        std::vector<TopicPartition> partitions;
    };
    std::string group_id;
    GenerationId generation = no_generation;
    std::string member_id;
    std::optional<std::string> group_instance_id;
    std::string protocol_name;
    std::vector<Assignment> assignments;  // the leader's; empty from followers
};

struct SyncGroupResponse {
    Errc error = Errc::none;
    std::string protocol_name;
    std::vector<TopicPartition> assignment;
};

struct HeartbeatRequest {
    std::string group_id;
    GenerationId generation = no_generation;
    std::string member_id;
    std::optional<std::string> group_instance_id;
};

struct HeartbeatResponse {
    Errc error = Errc::none;
};

struct LeaveGroupRequest {
    struct Member {
        std::string member_id;
        std::optional<std::string> group_instance_id;
    };
    std::string group_id;
    std::vector<Member> members;
};

struct LeaveGroupResponse {
    struct Member {
        std::string member_id;
        std::optional<std::string> group_instance_id;
        Errc error = Errc::none;
    };
    Errc error = Errc::none;
    std::vector<Member> members;
};

}  // namespace kafkasim
