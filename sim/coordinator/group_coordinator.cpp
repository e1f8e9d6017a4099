#include "sim/coordinator/group_coordinator.h"

#include "sim/coordinator/commit_rules.h"
#include "sim/coordinator/offsets_topic.h"

namespace kafkasim::coordinator {

namespace {

// offsets.topic.segment.bytes (100 MiB): Kafka creates the topic with it.
constexpr const char* offsets_segment_bytes = "104857600";

const std::string& offsets_topic_name() {
    static const std::string name(offsets_topic);
    return name;
}

}  // namespace

GroupCoordinator::GroupCoordinator(engine::Node& node, const broker::BrokerConfig& config,
                                   broker::ReplicaManager& replicas, rpc::RpcClient& controller,
                                   std::function<const metadata::ClusterImage&()> image)
    : node_(node), config_(config), replicas_(replicas), controller_(controller), image_(std::move(image)),
      group_config_{config.group_initial_rebalance_delay, config.group_min_session_timeout,
                    config.group_max_session_timeout, engine::Duration::ms(300000)},
      member_ids_(node.sim().random_stream(node.name() + "/member-ids").split(std::to_string(node.incarnation()))) {}

std::int32_t GroupCoordinator::partition_of(const std::string& group) const {
    // The topic's own partition count once it exists, as Kafka reads it from the metadata.
    const metadata::TopicImage* topic = image_().topic(offsets_topic_name());
    const auto count = topic != nullptr ? static_cast<std::int32_t>(topic->partitions.size())
                                        : config_.offsets_topic_num_partitions;
    return partition_for(group, count);
}

Errc GroupCoordinator::shard_error(std::int32_t partition) const {
    const auto it = shards_.find(partition);
    if (it == shards_.end()) return Errc::not_coordinator;
    return it->second.loaded() ? Errc::none : Errc::coordinator_load_in_progress;
}

FindCoordinatorResponse GroupCoordinator::find_coordinator(const FindCoordinatorRequest& request) {
    const metadata::ClusterImage& image = image_();
    const metadata::TopicImage* topic = image.topic(offsets_topic_name());
    FindCoordinatorResponse out{Errc::coordinator_not_available, no_broker, engine::NodeId::none()};
    if (topic == nullptr || topic->partitions.empty()) {
        maybe_create_offsets_topic();
    } else {
        const auto& reg = topic->partitions[static_cast<std::size_t>(partition_of(request.key))];
        const metadata::BrokerRegistration* leader = reg.has_leader() ? image.broker(reg.leader) : nullptr;
        if (leader != nullptr) out = FindCoordinatorResponse{Errc::none, reg.leader, leader->node};
    }
    node_.trace("coordinator.find", {{"group", request.key},
                                     {"partition", topic == nullptr ? -1 : partition_of(request.key)},
                                     {"error", to_string(out.error)},
                                     {"coordinator", out.node_id.value}});
    return out;
}

void GroupCoordinator::maybe_create_offsets_topic() {
    if (creating_topic_) return;
    creating_topic_ = true;
    node_.trace("coordinator.create_offsets_topic", {{"partitions", config_.offsets_topic_num_partitions},
                                                     {"replication_factor", static_cast<std::int64_t>(config_.offsets_topic_replication_factor)}});
    CreateTopicsRequest create{offsets_topic_name(), config_.offsets_topic_num_partitions,
                               config_.offsets_topic_replication_factor, {}, {{"segment.bytes", offsets_segment_bytes}}};
    controller_.send(config_.controller, std::move(create), config_.controller_request_timeout,
                     [this](const rpc::RpcResult& r) {
                         // Success or not, the next FindCoordinator tries again if the topic
                         // is still missing (too few brokers for the replication factor, say).
                         creating_topic_ = false;
                         const auto* c = r.ok() ? std::get_if<CreateTopicsResponse>(&r.body) : nullptr;
                         const Errc e = c == nullptr ? (r.ok() ? Errc::invalid_request : r.transport) : c->error;
                         node_.trace("coordinator.create_offsets_topic_done", {{"error", to_string(e)}});
                     });
}

void GroupCoordinator::offset_commit(OffsetCommitRequest request, rpc::Reply reply) {
    const std::int32_t partition = partition_of(request.group_id);
    Errc error = shard_error(partition);
    if (error == Errc::none) {
        ClassicGroup* group = find_group(request.group_id);
        error = group != nullptr ? group->commit(request, node_.now()) : validate_standalone_commit(request);
        if (group != nullptr) schedule_group_timer();  // the committer's session moved
    }
    if (error != Errc::none || request.partitions.empty()) {
        OffsetCommitResponse response;
        for (const auto& p : request.partitions) response.partitions.push_back({p.tp, error});
        node_.trace("coordinator.commit", {{"group", request.group_id}, {"partitions", static_cast<std::int64_t>(request.partitions.size())},
                                           {"error", to_string(error)}});
        reply(std::move(response));
        return;
    }
    RecordBatch batch;
    const std::int64_t now_ms = node_.now().ms();
    for (const auto& p : request.partitions)
        batch.records.push_back(Record{encode_key(OffsetCommitKey{request.group_id, p.tp}),
                                       encode_value(OffsetCommitValue{p.offset, p.leader_epoch, p.metadata, now_ms}),
                                       now_ms});
    ProduceRequest produce;
    produce.acks = -1;
    produce.timeout = config_.offsets_commit_timeout;
    produce.partitions.push_back({TopicPartition{offsets_topic_name(), partition}, std::move(batch)});
    const LeaderEpoch epoch = shards_.at(partition).epoch();
    // The same broker's ReplicaManager: an in-process call, as Kafka's coordinator appends
    // through its local ReplicaManager.
    replicas_.produce(std::move(produce), [this, partition, epoch, request = std::move(request),
                                           reply = std::move(reply)](ResponseBody body) {
        on_commit_written(partition, epoch, request, body, reply);
    });
}

void GroupCoordinator::on_commit_written(std::int32_t partition, LeaderEpoch epoch, const OffsetCommitRequest& request,
                                         const ResponseBody& body, const rpc::Reply& reply) {
    const auto* produced = std::get_if<ProduceResponse>(&body);
    Errc error = produced == nullptr || produced->partitions.empty() ? Errc::unknown_server_error
                                                                      : produced->partitions.front().error;
    error = commit_error_from_append(error);
    const auto it = shards_.find(partition);
    if (error == Errc::none && it != shards_.end() && it->second.epoch() == epoch) {
        const std::int64_t now_ms = node_.now().ms();
        for (const auto& p : request.partitions)
            it->second.apply(OffsetCommitKey{request.group_id, p.tp},
                             OffsetCommitValue{p.offset, p.leader_epoch, p.metadata, now_ms});
    } else if (error == Errc::none) {
        // Leadership moved while the write waited: the new shard loads it from the log.
        error = Errc::not_coordinator;
    }
    node_.trace("coordinator.commit", {{"group", request.group_id},
                                       {"partitions", static_cast<std::int64_t>(request.partitions.size())},
                                       {"error", to_string(error)}});
    OffsetCommitResponse response;
    for (const auto& p : request.partitions) response.partitions.push_back({p.tp, error});
    reply(std::move(response));
}

OffsetFetchResponse GroupCoordinator::offset_fetch(const OffsetFetchRequest& request) const {
    const std::int32_t partition = partition_of(request.group_id);
    OffsetFetchResponse response;
    response.error = shard_error(partition);
    if (response.error != Errc::none) return response;
    const OffsetShard& shard = shards_.at(partition);
    for (const TopicPartition& tp : request.partitions) {
        OffsetFetchResponse::Partition out{tp, Offset{-1}, LeaderEpoch{-1}, "", Errc::none};
        if (const OffsetCommitValue* v = shard.committed(request.group_id, tp)) {
            out.offset = v->offset;
            out.leader_epoch = v->leader_epoch;
            out.metadata = v->metadata;
        }
        response.partitions.push_back(std::move(out));
    }
    return response;
}

void GroupCoordinator::on_metadata() {
    // Shards of partitions this broker no longer leads (or leads at a new epoch) go first.
    for (auto it = shards_.begin(); it != shards_.end();) {
        const broker::Partition* p = replicas_.partition(TopicPartition{offsets_topic_name(), it->first});
        if (p != nullptr && p->is_leader() && p->leader_epoch() == it->second.epoch()) {
            ++it;
            continue;
        }
        node_.trace("coordinator.unload", {{"partition", it->first}, {"leader_epoch", it->second.epoch().value}});
        unload_groups(it->first);
        if (!it->second.loaded()) --loading_;
        it = shards_.erase(it);
    }
    const auto& all = replicas_.partitions();
    for (auto at = all.lower_bound(TopicPartition{offsets_topic_name(), 0}); at != all.end(); ++at) {
        const auto& [tp, p] = *at;
        if (tp.topic != offsets_topic) break;
        if (!p->is_leader() || shards_.count(tp.partition) != 0) continue;
        auto& shard = shards_.emplace(tp.partition, OffsetShard(p->leader_epoch(), p->log().log_end_offset())).first->second;
        ++loading_;
        node_.trace("coordinator.load_start", {{"partition", tp.partition}, {"leader_epoch", p->leader_epoch().value},
                                               {"load_end", shard.load_end().value}});
        try_finish_load(tp.partition, shard);
    }
}

void GroupCoordinator::on_progress() {
    if (loading_ == 0) return;
    for (auto& [partition, shard] : shards_)
        if (!shard.loaded()) try_finish_load(partition, shard);
}

void GroupCoordinator::try_finish_load(std::int32_t partition, OffsetShard& shard) {
    const broker::Partition* p = replicas_.partition(TopicPartition{offsets_topic_name(), partition});
    if (p == nullptr || p->high_watermark() < shard.load_end()) return;
    const std::int64_t records = shard.load(p->log());
    --loading_;
    node_.trace("coordinator.loaded", {{"partition", partition}, {"leader_epoch", shard.epoch().value}, {"records", records}});
    load_groups(partition, shard);
}

}  // namespace kafkasim::coordinator
