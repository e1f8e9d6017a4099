// ReplicaFetcher: a follower's side of replication (Kafka's ReplicaFetcherThread over
// AbstractFetcherThread): one fetch at a time to each leader broker, covering every partition
// this broker follows there. Batches are appended with the leader's offsets and epochs, and
// the follower's high watermark follows the leader's. When the leader answers with a
// diverging epoch (KAFKA-10554), the follower truncates its log to where the two agree
// (KIP-101 with KIP-279's fix, kafka-semantics.md §d) and fetches again from there. The next
// fetch waits until the appended batches are written (and flushed, under flush.messages), as
// Kafka's fetcher thread appends, flush included, before it fetches again.
#pragma once

#include <functional>
#include <map>
#include <set>

#include "engine/node.h"
#include "sim/broker/broker_config.h"
#include "sim/broker/partition.h"
#include "sim/rpc/rpc_client.h"

namespace kafkasim::broker {

// What a follower knows when its leader answers with a diverging epoch.
struct TruncationInput {
    log::EpochEndOffset ours;  // the follower's own end of the leader's epoch (end_offset_for_epoch)
    Offset log_end;
    Offset high_watermark;
    FetchResponse::DivergingEpoch leader;  // the leader's epoch and where it ends there
};
struct TruncationTarget {
    Offset offset;
    bool complete = true;  // false: the next fetch asks again from the truncated log
};
// Where the follower truncates (AbstractFetcherThread.getOffsetTruncationState, KIP-279):
//   - it knows the leader's epoch: to where both end it, capped at its log end;
//   - it knows only an earlier epoch: to its end of that one, and its next fetch asks again;
//   - it has no epoch at or below the leader's: to the leader's end offset (capped at its
//     log end), as Kafka does for a follower that did not track epochs then.
TruncationTarget truncation_on_divergence(const TruncationInput& in);

class ReplicaFetcher {
public:
    struct Hooks {
        std::function<Partition*(const TopicPartition&)> find;
        std::function<engine::NodeId(BrokerId)> node_of;  // none if the broker is unknown
        std::function<BrokerEpoch()> broker_epoch;
        std::function<void(const TopicPartition&)> high_watermark_moved;  // on a follower
        std::function<void()> progressed;  // after each answer: a follower's log or high watermark may have moved
    };

    ReplicaFetcher(engine::Node& node, engine::Network& network, const BrokerConfig& config, Hooks hooks);

    // Follow `tp` from `leader` (replacing any earlier leader), or stop following it.
    void follow(const TopicPartition& tp, BrokerId leader);
    void unfollow(const TopicPartition& tp);

private:
    struct Source {
        std::set<TopicPartition> partitions;
        bool in_flight = false;
        bool backing_off = false;
    };

    void maybe_fetch(BrokerId leader);
    void on_response(BrokerId leader, const FetchRequest& sent, rpc::RpcResult result);
    // Returns false if the source should back off.
    bool process(BrokerId leader, const FetchRequest::Partition& sent, const FetchResponse::Partition& got);
    void truncate_on_divergence(Partition& p, const FetchResponse::DivergingEpoch& diverging);
    void back_off(BrokerId leader);
    bool writes_pending(const Source& source) const;
    void on_write_done(const TopicPartition& tp);

    engine::Node& node_;
    rpc::RpcClient rpc_;
    const BrokerConfig& config_;
    Hooks hooks_;
    std::map<BrokerId, Source> sources_;
    std::map<TopicPartition, BrokerId> leader_of_;
    std::map<TopicPartition, int> pending_writes_;  // appends not yet completed, per partition
};

}  // namespace kafkasim::broker
