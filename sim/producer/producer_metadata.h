// The producer's view of the cluster, from brokers' Metadata answers only (design.md): which
// broker leads each partition, at which leader epoch, and where brokers listen. It may be stale;
// the producer refreshes it every metadata.max.age.ms and at once when a leader is unknown or
// wrong (NOT_LEADER_OR_FOLLOWER) or a connection broke (Kafka's Metadata.requestUpdate).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>

#include "engine/time.h"
#include "sim/producer/topic_partitions.h"
#include "sim/proto/client_messages.h"

namespace kafkasim::producer {

class ProducerMetadata {
public:
    // Replaces what it knows of the answered topics and the broker list.
    void update(const MetadataResponse& response, engine::Instant now);

    // The partitions of `topic` and which have a leader, once a Metadata answer listed it
    // (else null). Valid until the next update(): the producer asks for it for every record.
    const TopicPartitions* partitions(const std::string& topic) const;
    // The partition's leader, or no_broker when unknown or without one.
    BrokerId leader(const TopicPartition& tp) const;
    // The leader's epoch as the last answer gave it, or -1 when unknown.
    LeaderEpoch leader_epoch(const TopicPartition& tp) const;
    engine::NodeId node(BrokerId broker) const;
    // The broker listening on `node`, or no_broker.
    BrokerId broker_at(engine::NodeId node) const;
    std::vector<engine::NodeId> broker_nodes() const;

    // The topics the producer sends to, asked for in every refresh.
    void add_topic(const std::string& topic) { topics_.insert(topic); }
    std::vector<std::string> topics() const { return {topics_.begin(), topics_.end()}; }

    void request_update() { update_requested_ = true; }
    bool update_requested() const { return update_requested_; }
    // Whether an answer has arrived at all, and when the last one did.
    bool has_answer() const { return answered_; }
    engine::Instant last_update() const { return last_update_; }
    // How many answers it took in: partitions() answers change only when this does.
    std::uint64_t updates() const { return updates_; }

private:
    struct PartitionInfo {
        BrokerId leader = no_broker;
        LeaderEpoch leader_epoch{-1};
    };
    struct TopicInfo {
        std::int32_t count = 0;
        std::map<std::int32_t, PartitionInfo> partitions;
        TopicPartitions view;  // what partitions() answers, made once per update
    };
    std::map<std::string, TopicInfo, std::less<>> known_;
    std::map<BrokerId, engine::NodeId> brokers_;
    std::set<std::string> topics_;
    bool update_requested_ = false;
    bool answered_ = false;
    engine::Instant last_update_;
    std::uint64_t updates_ = 0;
};

}  // namespace kafkasim::producer
