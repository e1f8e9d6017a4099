// ReplicaManager: a broker's partition replicas and the requests that reach them (Kafka's
// ReplicaManager):
//   - replicas come and go with the metadata; each follower fetches from its leader
//     (replica_fetcher.h); a replica the broker no longer holds is stopped and its log deleted;
//   - Produce appends to the leader's log and answers by `acks` (replica_produce.cpp);
//   - Fetch reads from the leader, for consumers below the high watermark and for followers
//     up to the log end, long-polling for fetch.min.bytes (replica_fetch.cpp);
//   - the leader shrinks and expands the ISR through AlterPartition (isr_changes.cpp).
// Waiting produces (Kafka's DelayedProduce) are re-checked whenever a log end, a high
// watermark or an ISR moves; waiting fetches (DelayedFetch) only when a partition they watch
// moves (fetch_purgatory.h); both are answered at their timeout otherwise.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/disk/disk.h"
#include "sim/broker/broker_config.h"
#include "sim/broker/fetch_purgatory.h"
#include "sim/broker/partition.h"
#include "sim/broker/replica_fetcher.h"
#include "sim/log/high_watermark_checkpoint.h"
#include "sim/metadata/cluster_image.h"
#include "sim/rpc/rpc_client.h"
#include "sim/rpc/rpc_server.h"

namespace kafkasim::broker {

class ReplicaManager {
public:
    ReplicaManager(engine::Node& node, engine::Network& network, engine::Disk& disk, const BrokerConfig& config,
                   rpc::RpcClient& controller, std::function<BrokerEpoch()> broker_epoch);
    ReplicaManager(const ReplicaManager&) = delete;
    ReplicaManager& operator=(const ReplicaManager&) = delete;

    // Brings every replica in line with `image`: opens the logs of partitions assigned to
    // this broker, takes their roles, and follows their leaders.
    void apply_metadata(const metadata::ClusterImage& image);

    void produce(ProduceRequest request, rpc::Reply reply);
    void fetch(FetchRequest request, rpc::Reply reply);
    // LATEST is OFFSET_NOT_AVAILABLE while a new leader's high watermark is below its epoch
    // start; a leader epoch other than this leader's is fenced or unknown.
    ListOffsetsResponse list_offsets(const ListOffsetsRequest& request) const;
    OffsetsForLeaderEpochResponse offsets_for_leader_epoch(const OffsetsForLeaderEpochRequest& request) const;

    // Called whenever a log end or a high watermark may have moved: the broker's group
    // coordinator finishes loading its shards on it.
    void set_progress_listener(std::function<void()> listener) { progress_listener_ = std::move(listener); }

    const Partition* partition(const TopicPartition& tp) const;
    const std::map<TopicPartition, std::unique_ptr<Partition>>& partitions() const { return partitions_; }
    const FetchPurgatory& fetch_purgatory() const { return fetches_; }

private:
    struct DelayedProduce;

    Partition* find(const TopicPartition& tp);
    void remove_replica(const TopicPartition& tp);
    Errc leader_error(const TopicPartition& tp) const;
    ListOffsetsResponse::Partition list_offset(const ListOffsetsRequest::Partition& want) const;
    engine::NodeId node_of(BrokerId b) const;

    // replica_produce.cpp
    void produce_one(const std::shared_ptr<DelayedProduce>& op, std::size_t index, RecordBatch batch);
    void on_append_written(const std::shared_ptr<DelayedProduce>& op, std::size_t index, Errc result);
    void try_complete_produce(const std::shared_ptr<DelayedProduce>& op);
    void expire_produce(const std::shared_ptr<DelayedProduce>& op);

    // replica_fetch.cpp
    FetchResponse read_fetch(const FetchRequest& request, std::int64_t& bytes);
    // The answer for `want` short of its records and its partition (left empty: most callers
    // only check, several times per fetch, and a topic name may not fit a string's own bytes):
    // an error or a diverging epoch, else none. `p` is the partition's replica here (nullptr
    // if none): callers look it up once.
    FetchResponse::Partition check_fetch(const FetchRequest& request, const FetchRequest::Partition& want,
                                         const Partition* p) const;
    FetchResponse::Partition read_partition(const FetchRequest& request, const FetchRequest::Partition& want,
                                            std::int64_t& bytes);
    // Kafka's DelayedFetch.tryComplete: true once the fetch must be answered, decided from
    // offsets and byte positions without reading records.
    bool delayed_fetch_ready(const FetchRequest& request) const;
    // Reads what the fetch asks for and answers it (forceComplete, onComplete).
    void answer_fetch(const std::shared_ptr<DelayedFetch>& op);
    void record_follower_fetches(const FetchRequest& request);

    // isr_changes.cpp
    void maybe_expand_isr(Partition& p);
    void shrink_isr_tick();
    void send_isr_change(Partition& p, std::vector<BrokerId> new_isr, std::string_view reason);
    void on_isr_answer(const TopicPartition& tp, rpc::RpcResult result);

    // A log end, a high watermark or an ISR moved: waiting produces, and the fetches watching
    // a touched partition, may now complete.
    void on_progress();
    void checkpoint_high_watermarks();

    engine::Node& node_;
    engine::Disk& disk_;
    const BrokerConfig& config_;
    rpc::RpcClient& controller_;
    std::function<BrokerEpoch()> broker_epoch_;
    ReplicaFetcher fetcher_;
    std::map<BrokerId, engine::NodeId> broker_nodes_;
    std::set<BrokerId> eligible_;
    std::map<TopicPartition, std::unique_ptr<Partition>> partitions_;
    // The same replicas by hash, for the lookups every fetch and produce makes per partition;
    // never iterated (walks use partitions_, in its order), so its order cannot matter.
    struct TopicPartitionHash {
        std::size_t operator()(const TopicPartition& tp) const noexcept {
            return std::hash<std::string_view>{}(tp.topic) * 31 + static_cast<std::size_t>(tp.partition);
        }
    };
    std::unordered_map<TopicPartition, Partition*, TopicPartitionHash> index_;
    std::vector<std::shared_ptr<DelayedProduce>> waiting_produces_;
    FetchPurgatory fetches_;
    log::HighWatermarkCheckpoint hw_checkpoint_;
    log::OffsetMap checkpointed_hw_;  // as read at start
    std::function<void()> progress_listener_;
};

}  // namespace kafkasim::broker
