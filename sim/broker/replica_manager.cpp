#include "sim/broker/replica_manager.h"

#include <algorithm>

namespace kafkasim::broker {

ReplicaManager::ReplicaManager(engine::Node& node, engine::Network& network, engine::Disk& disk,
                               const BrokerConfig& config, rpc::RpcClient& controller,
                               std::function<BrokerEpoch()> broker_epoch)
    : node_(node), disk_(disk), config_(config), controller_(controller), broker_epoch_(std::move(broker_epoch)),
      fetcher_(node, network, config,
               ReplicaFetcher::Hooks{[this](const TopicPartition& tp) { return find(tp); },
                                     [this](BrokerId b) { return node_of(b); },
                                     [this] { return broker_epoch_(); },
                                     [this](const TopicPartition& tp) { fetches_.touch(tp); },
                                     [this] { on_progress(); }}),
      hw_checkpoint_(disk) {
    // A checkpoint that does not parse is ignored: every log then starts from its log start.
    checkpointed_hw_ = log::HighWatermarkCheckpoint::read_now(disk).value_or(log::OffsetMap{});
    node_.set_timer(config_.replica_lag_time_max / 2, [this] { shrink_isr_tick(); });
    node_.set_timer(config_.high_watermark_checkpoint_interval, [this] { checkpoint_high_watermarks(); });
}

void ReplicaManager::checkpoint_high_watermarks() {
    // ReplicaManager.checkpointHighWatermarks, every replica.high.watermark.checkpoint.interval.ms.
    log::OffsetMap hws;
    for (const auto& [tp, p] : partitions_) hws[tp] = p->high_watermark();
    if (!hws.empty()) hw_checkpoint_.write(hws, {});
    node_.set_timer(config_.high_watermark_checkpoint_interval, [this] { checkpoint_high_watermarks(); });
}

const Partition* ReplicaManager::partition(const TopicPartition& tp) const {
    const auto it = index_.find(tp);
    return it == index_.end() ? nullptr : it->second;
}

Partition* ReplicaManager::find(const TopicPartition& tp) {
    const auto it = index_.find(tp);
    return it == index_.end() ? nullptr : it->second;
}

engine::NodeId ReplicaManager::node_of(BrokerId b) const {
    const auto it = broker_nodes_.find(b);
    return it == broker_nodes_.end() ? engine::NodeId::none() : it->second;
}

Errc ReplicaManager::leader_error(const TopicPartition& tp) const {
    const Partition* p = partition(tp);
    return p != nullptr && p->is_leader() ? Errc::none : Errc::not_leader_or_follower;
}

void ReplicaManager::apply_metadata(const metadata::ClusterImage& image) {
    broker_nodes_.clear();
    eligible_.clear();
    for (const auto& [id, b] : image.brokers()) {
        broker_nodes_[id] = b.node;
        if (!b.fenced) eligible_.insert(id);
    }
    for (const auto& [name, topic] : image.topics()) {
        for (std::size_t i = 0; i < topic.partitions.size(); ++i) {
            const metadata::PartitionRegistration& reg = topic.partitions[i];
            const TopicPartition tp{name, static_cast<std::int32_t>(i)};
            Partition* p = find(tp);
            if (p != nullptr && !reg.is_replica(config_.id)) {
                remove_replica(tp);
                continue;
            }
            if (p == nullptr) {
                if (!reg.is_replica(config_.id)) continue;
                const auto hw = checkpointed_hw_.find(tp);
                Partition::Options o{tp, config_.id, topic.config, config_.replica_lag_time_max,
                                     hw == checkpointed_hw_.end() ? std::nullopt : std::optional<Offset>(hw->second),
                                     config_.replication_truncation};
                auto made = std::make_unique<Partition>(node_, disk_, std::move(o));
                p = made.get();
                partitions_.emplace(tp, std::move(made));
                index_.emplace(tp, p);
            }
            const bool changed = p->apply(reg, topic.config, eligible_);
            if (p->role() == Role::follower && reg.has_leader()) fetcher_.follow(tp, reg.leader);
            else fetcher_.unfollow(tp);
            // Kafka wakes a partition's waiting fetches when it follows a new leader epoch
            // (applyLocalFollowersDelta) or its high watermark moves (makeLeader); they then
            // answer NOT_LEADER_OR_FOLLOWER or FENCED_LEADER_EPOCH, or with the new data.
            const bool hw_moved = p->is_leader() && p->maybe_advance_high_watermark(node_.now());
            if ((changed && !p->is_leader()) || hw_moved) fetches_.touch(tp);
        }
    }
    on_progress();
}

void ReplicaManager::remove_replica(const TopicPartition& tp) {
    // The broker left the partition's replicas (a reassignment moved it away): KRaft brokers
    // stop the replica and delete its log (ReplicaManager.applyDelta, stopPartitions).
    fetcher_.unfollow(tp);
    fetches_.touch(tp);  // stopPartitions: what waits on the replica answers NOT_LEADER_OR_FOLLOWER
    const auto it = partitions_.find(tp);
    node_.trace("replica.delete", {{"partition", tp.str()}, {"log_end_offset", it->second->log().log_end_offset().value}});
    it->second->log().delete_files();
    index_.erase(tp);
    partitions_.erase(it);
    checkpointed_hw_.erase(tp);
}

ListOffsetsResponse ReplicaManager::list_offsets(const ListOffsetsRequest& request) const {
    ListOffsetsResponse response;
    for (const auto& want : request.partitions) response.partitions.push_back(list_offset(want));
    return response;
}

ListOffsetsResponse::Partition ReplicaManager::list_offset(const ListOffsetsRequest::Partition& want) const {
    // Partition.fetchOffsetForTimestamp: the leader, in the epoch the client knows (KIP-320).
    ListOffsetsResponse::Partition out{want.tp, leader_error(want.tp), Offset{-1}, LeaderEpoch{-1}};
    const Partition* p = out.error == Errc::none ? partition(want.tp) : nullptr;
    if (p != nullptr && want.current_leader_epoch.value >= 0 && want.current_leader_epoch != p->leader_epoch())
        out.error = want.current_leader_epoch < p->leader_epoch() ? Errc::fenced_leader_epoch : Errc::unknown_leader_epoch;
    if (out.error != Errc::none) return out;
    if (want.timestamp == ListOffsetsRequest::earliest) {
        out.offset = p->log().log_start_offset();
    } else if (want.timestamp == ListOffsetsRequest::latest) {
        // A new leader's high watermark was a follower's and may still lag records acknowledged
        // before the election: until it reaches the epoch start, "latest" is not known yet.
        if (p->high_watermark() < p->leader_epoch_start_offset()) {
            out.error = Errc::offset_not_available;
            return out;
        }
        out.offset = p->high_watermark();
    } else {
        out.error = Errc::invalid_request;  // lookups by timestamp are not modelled yet
        return out;
    }
    out.leader_epoch = p->leader_epoch();
    return out;
}

OffsetsForLeaderEpochResponse ReplicaManager::offsets_for_leader_epoch(const OffsetsForLeaderEpochRequest& request) const {
    OffsetsForLeaderEpochResponse response;
    for (const auto& want : request.partitions) {
        OffsetsForLeaderEpochResponse::Partition out{want.tp, leader_error(want.tp), LeaderEpoch{-1}, Offset{-1}};
        const Partition* p = out.error == Errc::none ? partition(want.tp) : nullptr;
        if (p != nullptr && want.current_leader_epoch.value >= 0 && want.current_leader_epoch != p->leader_epoch())
            out.error = want.current_leader_epoch < p->leader_epoch() ? Errc::fenced_leader_epoch : Errc::unknown_leader_epoch;
        if (p != nullptr && out.error == Errc::none) {
            const auto [epoch, end] = p->log().end_offset_for_epoch(want.leader_epoch);
            out.leader_epoch = epoch;
            out.end_offset = end;
        }
        response.partitions.push_back(out);
    }
    return response;
}

void ReplicaManager::on_progress() {
    // Copies: completing a request erases it from the list.
    const auto produces = waiting_produces_;
    for (const auto& op : produces) try_complete_produce(op);
    for (const auto& op : fetches_.take_woken())
        if (!op->answered && delayed_fetch_ready(op->request)) answer_fetch(op);
    if (progress_listener_) progress_listener_();
}

}  // namespace kafkasim::broker
