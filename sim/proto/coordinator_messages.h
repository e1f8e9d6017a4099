// Requests a consumer sends to find its group coordinator and to commit and fetch its offsets
// (Kafka's FindCoordinator with key type GROUP, OffsetCommit, OffsetFetch), with the fields
// kafkasim models. Commits carry the generation and the member id as Kafka's do, so group
// membership (JoinGroup, SyncGroup, Heartbeat) can check them later; a standalone consumer
// sends generation -1 and an empty member id.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/trace.h"
#include "sim/common/errors.h"
#include "sim/common/ids.h"

namespace kafkasim {

struct FindCoordinatorRequest {
    std::string key;  // the group id
};
struct FindCoordinatorResponse {
    Errc error = Errc::none;  // COORDINATOR_NOT_AVAILABLE while the partition has no leader
    BrokerId node_id = no_broker;
    engine::NodeId node = engine::NodeId::none();
};

struct OffsetCommitRequest {
    struct Partition {
        TopicPartition tp;
        Offset offset{-1};                     // the next offset to read
        LeaderEpoch leader_epoch{-1};          // of the last record consumed, or -1
        std::string metadata;                  // free text from the committer
    };
    std::string group_id;
    GenerationId generation = no_generation;
    std::string member_id;                     // "" for a standalone consumer
    std::vector<Partition> partitions;
    std::optional<std::string> group_instance_id;  // a static member's group.instance.id
};
struct OffsetCommitResponse {
    struct Partition {
        TopicPartition tp;
        Errc error = Errc::none;
    };
    std::vector<Partition> partitions;
};

struct OffsetFetchRequest {
    std::string group_id;
    std::vector<TopicPartition> partitions;
};
struct OffsetFetchResponse {
    struct Partition {
        TopicPartition tp;
        Offset offset{-1};  // -1: nothing committed
        LeaderEpoch leader_epoch{-1};
        std::string metadata;
        Errc error = Errc::none;
    };
    Errc error = Errc::none;  // group level: NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS, …
    std::vector<Partition> partitions;
};

}  // namespace kafkasim
