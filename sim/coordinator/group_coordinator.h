// GroupCoordinator: the offset side of a broker's group coordinator (Kafka's
// GroupCoordinatorService with its OffsetMetadataManager; kafka-semantics.md §c, §e).
//   - FindCoordinator: the leader of the group's __consumer_offsets partition. The first lookup
//     asks the controller to create the topic (Kafka's AutoTopicCreationManager) and answers
//     COORDINATOR_NOT_AVAILABLE until a leader is known.
//   - OffsetCommit: the offsets become records appended to the group's partition as an
//     acks=all write through the broker's own ReplicaManager, answered when the high watermark
//     passes them or after offsets.commit.timeout.ms; only then does OffsetFetch see them.
//   - Each partition this broker leads is a shard (offset_shard.h): loaded from the log when
//     leadership arrives (COORDINATOR_LOAD_IN_PROGRESS meanwhile), dropped when it goes
//     (NOT_COORDINATOR).
//   - JoinGroup, SyncGroup, Heartbeat, LeaveGroup go to the group's ClassicGroup (group.h),
//     the classic protocol's state machine; its records (the leader's assignment, an emptied
//     group) are appended beside the offsets, and a shard's load turns the last record of each
//     group back into a live group: a Stable group stays Stable, without a rebalance.
//   - Commits are checked against the group's members and generation (commit_rules.h).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "sim/broker/broker_config.h"
#include "sim/broker/replica_manager.h"
#include "sim/coordinator/group.h"
#include "sim/coordinator/offset_shard.h"
#include "sim/metadata/cluster_image.h"
#include "sim/rpc/rpc_client.h"
#include "sim/rpc/rpc_server.h"

namespace kafkasim::coordinator {

class GroupCoordinator {
public:
    // `image` gives the broker's current metadata image; `replicas` is the same broker's.
    GroupCoordinator(engine::Node& node, const broker::BrokerConfig& config, broker::ReplicaManager& replicas,
                     rpc::RpcClient& controller, std::function<const metadata::ClusterImage&()> image);
    GroupCoordinator(const GroupCoordinator&) = delete;
    GroupCoordinator& operator=(const GroupCoordinator&) = delete;

    FindCoordinatorResponse find_coordinator(const FindCoordinatorRequest& request);
    void offset_commit(OffsetCommitRequest request, rpc::Reply reply);
    OffsetFetchResponse offset_fetch(const OffsetFetchRequest& request) const;
    // group_coordinator_groups.cpp
    void join_group(JoinGroupRequest request, rpc::Reply reply);
    void sync_group(SyncGroupRequest request, rpc::Reply reply);
    HeartbeatResponse heartbeat(const HeartbeatRequest& request);
    LeaveGroupResponse leave_group(const LeaveGroupRequest& request);

    // The broker applied new metadata to its replicas: shards of partitions it now leads start
    // loading, those of partitions it no longer leads go.
    void on_metadata();
    // A log end or a high watermark moved: loading shards whose log is committed load. Cheap
    // when nothing is loading, as it runs after most requests.
    void on_progress();

    const std::map<std::int32_t, OffsetShard>& shards() const { return shards_; }
    // nullptr when this broker holds no such group.
    const ClassicGroup* group(const std::string& id) const;

private:
    // The __consumer_offsets partition that holds `group`.
    std::int32_t partition_of(const std::string& group) const;
    // NONE when this broker serves the partition's groups, else NOT_COORDINATOR or
    // COORDINATOR_LOAD_IN_PROGRESS.
    Errc shard_error(std::int32_t partition) const;
    void maybe_create_offsets_topic();
    void try_finish_load(std::int32_t partition, OffsetShard& shard);
    void on_commit_written(std::int32_t partition, LeaderEpoch epoch, const OffsetCommitRequest& request,
                           const ResponseBody& body, const rpc::Reply& reply);

    // group_coordinator_groups.cpp
    ClassicGroup* find_group(const std::string& id);
    ClassicGroup& create_group(const std::string& id);
    void on_group_event(const std::string& group, const GroupEvent& event);
    std::string new_member_id(const std::string& prefix);
    void load_groups(std::int32_t partition, OffsetShard& shard);
    void unload_groups(std::int32_t partition);
    // After any change to `group`: append what it wants written, and move the timer.
    void after_group_change(ClassicGroup& group);
    void write_group(ClassicGroup& group, GroupWrite write);
    void schedule_group_timer();
    void on_group_timer();

    engine::Node& node_;
    const broker::BrokerConfig& config_;
    broker::ReplicaManager& replicas_;
    rpc::RpcClient& controller_;
    std::function<const metadata::ClusterImage&()> image_;
    std::map<std::int32_t, OffsetShard> shards_;  // by __consumer_offsets partition
    std::int32_t loading_ = 0;                     // shards not loaded yet
    bool creating_topic_ = false;
    GroupConfig group_config_;
    engine::Random member_ids_;                                    // Kafka's UUIDs in member ids
    std::map<std::string, std::unique_ptr<ClassicGroup>> groups_;  // by group id
    engine::TimerId group_timer_;
    std::optional<engine::Instant> group_timer_at_;
};

}  // namespace kafkasim::coordinator
