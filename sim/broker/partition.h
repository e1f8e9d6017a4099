// Partition: one partition replica on a broker, as Kafka's Partition (core/.../cluster/
// Partition.scala) holds it: its log, its role from the metadata (leader or follower, the
// leader epoch, the replicas and the ISR), and on the leader the high watermark.
//
// The leader's high watermark is the smallest log end offset among the ISR (the leader's own
// and each follower's as its fetches report it), and it only moves forward while this broker
// stays leader (kafka-semantics.md §d). Since Kafka 3.7 it does not advance while the ISR is
// smaller than min.insync.replicas (KAFKA-15583).
#pragma once

#include <map>
#include <memory>
#include <vector>

#include "engine/node.h"
#include "sim/log/partition_log.h"
#include "sim/metadata/cluster_image.h"

namespace kafkasim::broker {

enum class Role : std::uint8_t { leader, follower, none };

class Partition {
public:
    // Opens (recovers) the replica's log from the node's disk.
    Partition(engine::Node& node, engine::Disk& disk, TopicPartition tp, const LogConfig& config, BrokerId self);

    // Takes the partition's registration from newly applied metadata. Returns true if the
    // role or leader epoch changed.
    bool apply(const metadata::PartitionRegistration& registration, const LogConfig& config);

    const TopicPartition& tp() const { return tp_; }
    Role role() const { return role_; }
    bool is_leader() const { return role_ == Role::leader; }
    LeaderEpoch leader_epoch() const { return leader_epoch_; }
    BrokerId leader() const { return leader_; }
    const std::vector<BrokerId>& isr() const { return isr_; }
    const std::vector<BrokerId>& replicas() const { return replicas_; }
    std::int32_t min_insync_replicas() const { return config_.min_insync_replicas; }
    log::PartitionLog& log() { return *log_; }
    const log::PartitionLog& log() const { return *log_; }
    Offset high_watermark() const { return log_->high_watermark(); }

    // Leader: a follower's fetch at `fetch_offset` tells its log end offset.
    void record_follower_fetch(BrokerId follower, Offset fetch_offset);
    // Leader: recomputes the high watermark; true if it moved.
    bool maybe_advance_high_watermark();

private:
    engine::Node& node_;
    TopicPartition tp_;
    BrokerId self_;
    LogConfig config_;
    std::unique_ptr<log::PartitionLog> log_;
    Role role_ = Role::none;
    BrokerId leader_ = no_broker;
    LeaderEpoch leader_epoch_{-1};
    std::vector<BrokerId> replicas_;
    std::vector<BrokerId> isr_;
    std::map<BrokerId, Offset> follower_end_offsets_;  // leader only: what each follower's fetches said
};

}  // namespace kafkasim::broker
