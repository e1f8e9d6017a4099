// ClusterImage: the state that the metadata log describes, built by replaying its records in
// order (KRaft's MetadataImage). The controller keeps one from its own log; every broker
// keeps one from the records it fetched. Nothing else changes it, so two nodes that replayed
// the same offsets hold the same image.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/proto/metadata_records.h"

namespace kafkasim::metadata {

struct BrokerRegistration {
    BrokerId broker;
    IncarnationId incarnation;
    BrokerEpoch epoch;
    engine::NodeId node;
    bool fenced = true;
    bool operator==(const BrokerRegistration&) const = default;
};

struct PartitionRegistration {
    std::vector<BrokerId> replicas;
    std::vector<BrokerId> isr;
    BrokerId leader = no_broker;
    LeaderEpoch leader_epoch{0};
    PartitionEpoch partition_epoch{0};
    std::vector<BrokerId> removing_replicas = {};
    std::vector<BrokerId> adding_replicas = {};
    LeaderRecoveryState leader_recovery_state = LeaderRecoveryState::recovered;

    bool has_leader() const { return leader != no_broker; }
    // The first replica leads (PartitionRegistration.hasPreferredLeader).
    bool has_preferred_leader() const { return !replicas.empty() && leader == replicas.front(); }
    bool reassigning() const { return !removing_replicas.empty() || !adding_replicas.empty(); }
    bool operator==(const PartitionRegistration&) const = default;
    bool in_isr(BrokerId b) const;
    bool is_replica(BrokerId b) const;
};

// `part` after `change` is applied, as KRaft's PartitionRegistration.merge: a named leader
// bumps the leader epoch, every change the partition epoch.
PartitionRegistration merge(PartitionRegistration part, const PartitionChangeRecord& change);

struct TopicImage {
    std::string name;
    TopicId id;
    LogConfig config;
    std::vector<PartitionRegistration> partitions;  // by partition index
    bool operator==(const TopicImage&) const = default;
};

class ClusterImage {
public:
    // Applies one record. A record that names an unknown broker or topic is a bug in the
    // controller that wrote it (SIM_ASSERT).
    void apply(const MetadataEntry& entry);

    // Offset of the last record applied; -1 before any.
    Offset last_offset() const { return last_offset_; }

    const std::map<BrokerId, BrokerRegistration>& brokers() const { return brokers_; }
    const BrokerRegistration* broker(BrokerId id) const;
    const std::map<std::string, TopicImage>& topics() const { return topics_; }
    const TopicImage* topic(const std::string& name) const;
    const TopicImage* topic(TopicId id) const;
    const PartitionRegistration* partition(const TopicPartition& tp) const;
    ProducerId next_producer_id() const { return next_producer_id_; }

    // Two images are equal when they replayed to the same state at the same offset.
    bool operator==(const ClusterImage&) const = default;

private:
    TopicImage& topic_mut(TopicId id);
    void apply_record(const MetadataRecord& record, Offset offset);

    Offset last_offset_{-1};
    std::map<BrokerId, BrokerRegistration> brokers_;
    std::map<std::string, TopicImage> topics_;
    std::map<TopicId, std::string> topic_names_;
    ProducerId next_producer_id_{0};
};

}  // namespace kafkasim::metadata
