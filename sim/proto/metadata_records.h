// The records of the controller's metadata log (KRaft's __cluster_metadata, KIP-500 /
// KIP-631): every fact about brokers, topics and partitions is one of these, appended by the
// active controller and replayed in order by the controller after a restart and by every
// broker that fetches the log. Names follow Kafka's metadata record types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/trace.h"
#include "sim/common/ids.h"
#include "sim/common/log_config.h"

namespace kafkasim {

// A broker's registration; `epoch` is the offset of this record in the metadata log, as the
// broker epoch is in KRaft. A broker registers fenced and is unfenced once caught up.
struct RegisterBrokerRecord {
    BrokerId broker;
    IncarnationId incarnation;
    BrokerEpoch epoch;
    engine::NodeId node;  // where the broker listens
    auto operator<=>(const RegisterBrokerRecord&) const = default;
};
struct FenceBrokerRecord {
    BrokerId broker;
    BrokerEpoch epoch;
    auto operator<=>(const FenceBrokerRecord&) const = default;
};
struct UnfenceBrokerRecord {
    BrokerId broker;
    BrokerEpoch epoch;
    auto operator<=>(const UnfenceBrokerRecord&) const = default;
};
struct TopicRecord {
    std::string name;
    TopicId id;
    LogConfig config;  // the broker defaults with the topic's overrides applied
    auto operator<=>(const TopicRecord&) const = default;
};
// KIP-704: an uncleanly elected leader starts RECOVERING; its next ISR change marks the
// partition RECOVERED again.
enum class LeaderRecoveryState : std::int8_t { recovered = 0, recovering = 1 };

struct PartitionRecord {
    TopicId topic;
    std::int32_t partition = 0;
    std::vector<BrokerId> replicas;  // assignment order; the first is the preferred leader
    std::vector<BrokerId> isr;
    BrokerId leader = no_broker;
    LeaderEpoch leader_epoch{0};
    PartitionEpoch partition_epoch{0};
    // A reassignment in progress (KIP-455): `replicas` holds the target replicas, then those
    // being removed; `adding` the target replicas that are not yet replicas.
    std::vector<BrokerId> removing_replicas = {};
    std::vector<BrokerId> adding_replicas = {};
    LeaderRecoveryState leader_recovery_state = LeaderRecoveryState::recovered;
    auto operator<=>(const PartitionRecord&) const = default;
};
// A change to one partition. Absent fields are unchanged. Replay derives the epochs as
// KRaft does: a record that names a leader (even the same one) bumps the leader epoch; every
// change bumps the partition epoch.
struct PartitionChangeRecord {
    TopicId topic;
    std::int32_t partition = 0;
    std::optional<BrokerId> leader;
    std::optional<std::vector<BrokerId>> isr;
    std::optional<std::vector<BrokerId>> replicas;
    std::optional<std::vector<BrokerId>> removing_replicas = std::nullopt;
    std::optional<std::vector<BrokerId>> adding_replicas = std::nullopt;
    std::optional<LeaderRecoveryState> leader_recovery_state = std::nullopt;
    auto operator<=>(const PartitionChangeRecord&) const = default;
};
// The next producer id not yet handed out, after a block went to `broker` (KIP-730).
struct ProducerIdsRecord {
    BrokerId broker;
    BrokerEpoch broker_epoch;
    ProducerId next_producer_id;
    auto operator<=>(const ProducerIdsRecord&) const = default;
};

using MetadataRecord = std::variant<RegisterBrokerRecord, FenceBrokerRecord, UnfenceBrokerRecord,
                                    TopicRecord, PartitionRecord, PartitionChangeRecord, ProducerIdsRecord>;

// "RegisterBrokerRecord", … : the record's type name, for traces.
std::string_view record_type_name(const MetadataRecord& record);

// A metadata record with its offset in the log.
struct MetadataEntry {
    Offset offset;
    MetadataRecord record;
    auto operator<=>(const MetadataEntry&) const = default;
};

}  // namespace kafkasim
