// Partition: one partition replica on a broker, as Kafka's Partition (core/.../cluster/
// Partition.scala) holds it: its log, its role from the metadata (leader or follower, the
// leader epoch, the replicas and the ISR), and on the leader what each follower's fetches said.
//
// High watermark (kafka-semantics.md §d): the leader's is the smallest log end offset among
// itself, the followers in the maximal ISR (the ISR plus members whose addition is in flight,
// KIP-497) and followers that are caught up and eligible to join; it only moves forward, and
// since Kafka 3.7 not while the ISR is smaller than min.insync.replicas capped at the
// replication factor (KAFKA-15583, effective_min_isr). A follower's is the leader's, as its
// last fetch carried it, capped at its own log end: it moves down too when the leader's does
// (a new leader's lags).
//
// Replicas can change under a leader that stays (a reassignment adding replicas): the leader
// starts tracking the new ones and forgets the removed ones. Under replication_truncation
// legacy_hw, a replica that becomes a follower truncates its log to its own high watermark
// (the rule before KIP-101).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "engine/node.h"
#include "sim/broker/follower_state.h"
#include "sim/common/replication_truncation.h"
#include "sim/log/partition_log.h"
#include "sim/metadata/cluster_image.h"

namespace kafkasim::broker {

enum class Role : std::uint8_t { leader, follower, none };

class Partition {
public:
    struct Options {
        TopicPartition tp;
        BrokerId self;
        LogConfig config;
        engine::Duration replica_lag_time_max = engine::Duration::ms(30000);  // replica.lag.time.max.ms
        std::optional<Offset> checkpointed_high_watermark;  // from replication-offset-checkpoint
        ReplicationTruncation truncation = ReplicationTruncation::leader_epoch;
    };

    // Opens (recovers) the replica's log from the node's disk.
    Partition(engine::Node& node, engine::Disk& disk, Options options);

    // Takes the partition's registration from newly applied metadata; `eligible` are the
    // unfenced brokers. Returns true if the role or the leader epoch changed.
    bool apply(const metadata::PartitionRegistration& registration, const LogConfig& config,
               const std::set<BrokerId>& eligible);

    const TopicPartition& tp() const { return options_.tp; }
    Role role() const { return role_; }
    bool is_leader() const { return role_ == Role::leader; }
    LeaderEpoch leader_epoch() const { return leader_epoch_; }
    PartitionEpoch partition_epoch() const { return partition_epoch_; }
    BrokerId leader() const { return leader_; }
    const std::vector<BrokerId>& isr() const { return isr_; }
    const std::vector<BrokerId>& replicas() const { return replicas_; }
    std::int32_t min_insync_replicas() const { return options_.config.min_insync_replicas; }
    // min.insync.replicas capped at the replication factor (Kafka 3.7+ Partition.effectiveMinIsr):
    // what acks=all asks for before and after appending, and what the high watermark waits for.
    std::size_t effective_min_isr() const;
    // The ISR is smaller than that (Partition.isUnderMinIsr).
    bool under_min_isr() const { return isr_.size() < effective_min_isr(); }
    log::PartitionLog& log() { return *log_; }
    const log::PartitionLog& log() const { return *log_; }
    Offset high_watermark() const { return log_->high_watermark(); }
    // Leader only: the log end when it took the current epoch (Partition.leaderEpochStartOffsetOpt).
    Offset leader_epoch_start_offset() const { return leader_epoch_start_offset_; }

    // ---- leader ----
    // A follower fetched at `fetch_offset` (its log end offset), a fetch the leader can serve:
    // inside its log, in its leader epoch, without a diverging epoch.
    void on_follower_fetch(BrokerId follower, BrokerEpoch epoch, Offset fetch_offset, engine::Instant now);
    // Recomputes the high watermark; true if it moved.
    bool maybe_advance_high_watermark(engine::Instant now);
    // The ISR with pending additions (KIP-497), which the high watermark waits for.
    std::vector<BrokerId> maximal_isr() const;
    // Its size and membership, without building it (checked on every produce and fetch).
    std::size_t maximal_isr_size() const;
    bool in_maximal_isr(BrokerId b) const;
    // A follower ready to join the ISR (isFollowerInSync), if any and no change is in flight.
    std::optional<BrokerId> follower_to_add() const;
    // ISR followers that are no longer caught up, if no change is in flight.
    std::vector<BrokerId> followers_to_remove(engine::Instant now) const;
    bool isr_change_in_flight() const { return pending_isr_.has_value(); }
    // The ISR change to send, with each member's broker epoch (KIP-903).
    void begin_isr_change(std::vector<BrokerId> new_isr);
    // The controller answered: on success the partition takes the new ISR and epoch at once.
    void end_isr_change(std::optional<std::pair<std::vector<BrokerId>, PartitionEpoch>> accepted);
    BrokerEpoch follower_epoch(BrokerId follower) const;
    const std::map<BrokerId, FollowerState>& followers() const { return followers_; }

    // ---- follower ----
    // The leader's high watermark from a fetch answer, clamped to this log (up or down); true
    // if it moved.
    bool update_follower_high_watermark(Offset leader_hw);

private:
    void become_leader(engine::Instant now);
    void become_follower();
    void track_replicas(engine::Instant now);
    bool eligible(BrokerId b) const { return eligible_.count(b) != 0; }

    engine::Node& node_;
    Options options_;
    std::unique_ptr<log::PartitionLog> log_;
    Role role_ = Role::none;
    BrokerId leader_ = no_broker;
    LeaderEpoch leader_epoch_{-1};
    PartitionEpoch partition_epoch_{-1};
    std::vector<BrokerId> replicas_;
    std::vector<BrokerId> isr_;
    std::set<BrokerId> eligible_;
    std::map<BrokerId, FollowerState> followers_;  // leader only
    Offset leader_epoch_start_offset_{0};          // leader only: the log end when it took over
    std::optional<std::vector<BrokerId>> pending_isr_;
};

}  // namespace kafkasim::broker
