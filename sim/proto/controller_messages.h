// Requests a broker (or an admin client) sends to the active controller, and the answers.
// Names follow Kafka's RPCs: BrokerRegistration and BrokerHeartbeat (KIP-631), the KRaft
// Fetch of the metadata log, CreateTopics, CreatePartitions, AllocateProducerIds (KIP-730).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/trace.h"
#include "sim/common/errors.h"
#include "sim/common/ids.h"
#include "sim/common/log_config.h"
#include "sim/proto/metadata_records.h"

namespace kafkasim {

struct BrokerRegistrationRequest {
    BrokerId broker;
    IncarnationId incarnation;  // new at every start of the broker's process
    engine::NodeId node;
};
struct BrokerRegistrationResponse {
    Errc error = Errc::none;  // DUPLICATE_BROKER_REGISTRATION while an older session lives
    BrokerEpoch epoch{-1};
};

struct BrokerHeartbeatRequest {
    BrokerId broker;
    BrokerEpoch epoch;
    Offset metadata_offset{-1};  // the last metadata record the broker has applied
    bool want_fence = false;
};
struct BrokerHeartbeatResponse {
    Errc error = Errc::none;     // STALE_BROKER_EPOCH for an old registration
    bool caught_up = false;
    bool fenced = true;
};

// The KRaft Fetch of __cluster_metadata, from a broker.
struct FetchMetadataRequest {
    BrokerId broker;
    Offset fetch_offset{0};
    std::int32_t max_records = 1000;
};
struct FetchMetadataResponse {
    Errc error = Errc::none;
    std::vector<MetadataEntry> entries;
    Offset high_watermark{0};  // the offset after the last committed record
};

// Kafka's per-topic config overrides, by Kafka's names; an unknown name or a bad value is
// INVALID_CONFIG, as Kafka's LogConfig.validate answers.
using ConfigOverrides = std::map<std::string, std::string>;

struct CreateTopicsRequest {
    std::string name;
    std::int32_t num_partitions = -1;       // -1: num.partitions
    std::int16_t replication_factor = -1;   // -1: default.replication.factor
    std::vector<std::vector<BrokerId>> replica_assignment;  // explicit placement, or empty
    ConfigOverrides configs;
};
struct CreateTopicsResponse {
    Errc error = Errc::none;
    std::string message;
};

struct CreatePartitionsRequest {
    std::string topic;
    std::int32_t count = 0;  // the new total
    std::vector<std::vector<BrokerId>> assignment;  // for the new partitions, or empty
};
struct CreatePartitionsResponse {
    Errc error = Errc::none;
    std::string message;
};

struct AllocateProducerIdsRequest {
    BrokerId broker;
    BrokerEpoch epoch;
};
struct AllocateProducerIdsResponse {
    Errc error = Errc::none;
    ProducerId first{-1};
    std::int32_t count = 0;
};

// ElectLeaders (KIP-460), from an admin: a preferred election moves leadership back to the
// first replica; an unclean one gives a leaderless partition any live replica.
enum class ElectionType : std::int8_t { preferred = 0, unclean = 1 };
struct ElectLeadersRequest {
    ElectionType type = ElectionType::preferred;
    std::vector<TopicPartition> partitions;  // empty: every partition
};
struct ElectLeadersResponse {
    struct Partition {
        TopicPartition tp;
        Errc error = Errc::none;  // ELECTION_NOT_NEEDED, PREFERRED_LEADER_NOT_AVAILABLE, …
    };
    std::vector<Partition> partitions;
};

// AlterPartitionReassignments (KIP-455), from an admin: move a partition to `replicas`
// (the first becomes the preferred leader), or cancel its reassignment (nullopt).
struct AlterPartitionReassignmentsRequest {
    struct Partition {
        TopicPartition tp;
        std::optional<std::vector<BrokerId>> replicas;
    };
    std::vector<Partition> partitions;
};
struct AlterPartitionReassignmentsResponse {
    struct Partition {
        TopicPartition tp;
        Errc error = Errc::none;
        std::string message;
    };
    std::vector<Partition> partitions;
};

}  // namespace kafkasim
