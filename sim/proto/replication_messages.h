// Requests of replication: AlterPartition, from a partition leader to the controller to
// change the ISR (KIP-497, with the broker epochs of KIP-903), and OffsetsForLeaderEpoch,
// from a follower to the leader to find where their logs diverge (KIP-101, KIP-279).
#pragma once

#include <vector>

#include "sim/common/errors.h"
#include "sim/common/ids.h"

namespace kafkasim {

struct AlterPartitionRequest {
    struct IsrMember {
        BrokerId broker;
        BrokerEpoch broker_epoch;  // as the leader last saw it in the follower's fetches (KIP-903)
    };
    struct Partition {
        TopicPartition tp;
        LeaderEpoch leader_epoch;
        PartitionEpoch partition_epoch;  // the version of the partition the change is based on
        std::vector<IsrMember> new_isr;
    };
    BrokerId broker;  // the leader
    BrokerEpoch broker_epoch;
    std::vector<Partition> partitions;
};
struct AlterPartitionResponse {
    struct Partition {
        TopicPartition tp;
        // FENCED_LEADER_EPOCH, INVALID_UPDATE_VERSION, INELIGIBLE_REPLICA, UNKNOWN_TOPIC_OR_PARTITION,
        // INVALID_REQUEST (the sender is not the leader, or the ISR is malformed)
        Errc error = Errc::none;
        BrokerId leader = no_broker;
        LeaderEpoch leader_epoch;
        std::vector<BrokerId> isr;
        PartitionEpoch partition_epoch;
    };
    Errc error = Errc::none;  // STALE_BROKER_EPOCH for the whole request
    std::vector<Partition> partitions;
};

struct OffsetsForLeaderEpochRequest {
    struct Partition {
        TopicPartition tp;
        LeaderEpoch current_leader_epoch{-1};  // the follower's view of the leader's epoch
        LeaderEpoch leader_epoch;              // the epoch whose end offset it asks for
    };
    BrokerId replica_id = no_broker;
    std::vector<Partition> partitions;
};
struct OffsetsForLeaderEpochResponse {
    struct Partition {
        TopicPartition tp;
        Errc error = Errc::none;
        LeaderEpoch leader_epoch{-1};  // the largest epoch <= the one asked, or -1
        Offset end_offset{-1};         // where that epoch ends on the leader, or -1
    };
    std::vector<Partition> partitions;
};

}  // namespace kafkasim
