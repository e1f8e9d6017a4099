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
// Group membership (JoinGroup, SyncGroup, Heartbeat) is not modelled yet: every group is a
// group without members, which accepts standalone commits (commit_rules.h).
#pragma once

#include <functional>
#include <map>

#include "sim/broker/broker_config.h"
#include "sim/broker/replica_manager.h"
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

    // The broker applied new metadata to its replicas: shards of partitions it now leads start
    // loading, those of partitions it no longer leads go.
    void on_metadata();
    // A log end or a high watermark moved: loading shards whose log is committed load. Cheap
    // when nothing is loading, as it runs after most requests.
    void on_progress();

    const std::map<std::int32_t, OffsetShard>& shards() const { return shards_; }

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

    engine::Node& node_;
    const broker::BrokerConfig& config_;
    broker::ReplicaManager& replicas_;
    rpc::RpcClient& controller_;
    std::function<const metadata::ClusterImage&()> image_;
    std::map<std::int32_t, OffsetShard> shards_;  // by __consumer_offsets partition
    std::int32_t loading_ = 0;                     // shards not loaded yet
    bool creating_topic_ = false;
};

}  // namespace kafkasim::coordinator
