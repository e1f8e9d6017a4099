// ReplicaManager: a broker's partition replicas and the requests that reach them (Kafka's
// ReplicaManager): Produce appends to the leader's log and answers by `acks`; Fetch reads
// from the leader, long-polling up to fetch.max.wait.ms for fetch.min.bytes; ListOffsets
// answers the log start or the high watermark. Replicas come and go with the metadata.
//
// Waiting requests (Kafka's DelayedProduce and DelayedFetch purgatories) are re-checked
// whenever a high watermark or a log end moves, and answered at their timeout otherwise.
#pragma once

#include <map>
#include <memory>
#include <vector>

#include "engine/disk/disk.h"
#include "sim/broker/partition.h"
#include "sim/metadata/cluster_image.h"
#include "sim/rpc/rpc_server.h"

namespace kafkasim::broker {

class ReplicaManager {
public:
    ReplicaManager(engine::Node& node, engine::Disk& disk, BrokerId self);
    ReplicaManager(const ReplicaManager&) = delete;
    ReplicaManager& operator=(const ReplicaManager&) = delete;

    // Brings every replica in line with `image`: opens the logs of partitions assigned to
    // this broker and takes their roles.
    void apply_metadata(const metadata::ClusterImage& image);

    void produce(ProduceRequest request, rpc::Reply reply);
    void fetch(FetchRequest request, rpc::Reply reply);
    ListOffsetsResponse list_offsets(const ListOffsetsRequest& request) const;

    const Partition* partition(const TopicPartition& tp) const;
    const std::map<TopicPartition, std::unique_ptr<Partition>>& partitions() const { return partitions_; }

private:
    struct DelayedProduce;
    struct DelayedFetch;

    Partition* find(const TopicPartition& tp);
    Errc leader_error(const TopicPartition& tp) const;
    void produce_one(const std::shared_ptr<DelayedProduce>& op, std::size_t index, RecordBatch batch);
    void on_append_written(const std::shared_ptr<DelayedProduce>& op, std::size_t index, Errc result);
    void try_complete_produce(const std::shared_ptr<DelayedProduce>& op);
    void expire_produce(const std::shared_ptr<DelayedProduce>& op);

    FetchResponse read_fetch(const FetchRequest& request, std::int64_t& bytes);
    void try_complete_fetch(const std::shared_ptr<DelayedFetch>& op, bool expired);

    // A high watermark or a log end moved: waiting requests may now complete.
    void on_progress();

    engine::Node& node_;
    engine::Disk& disk_;
    BrokerId self_;
    std::map<TopicPartition, std::unique_ptr<Partition>> partitions_;
    std::vector<std::shared_ptr<DelayedProduce>> waiting_produces_;
    std::vector<std::shared_ptr<DelayedFetch>> waiting_fetches_;
};

}  // namespace kafkasim::broker
