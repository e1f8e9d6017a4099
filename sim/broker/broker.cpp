#include "sim/broker/broker.h"

#include "sim/broker/metadata_handler.h"

namespace kafkasim::broker {

IncarnationId Broker::fresh_incarnation(engine::Node& node) {
    // Kafka draws a random UUID at every start; ours comes from the node's own stream, split
    // by the start count so that each incarnation differs and the run stays replayable.
    return IncarnationId{
        node.sim().random_stream(node.name() + "/incarnation").split(std::to_string(node.incarnation())).next_u64()};
}

Broker::Broker(engine::Node& node, engine::Network& network, engine::Disk& disk, BrokerConfig config)
    : node_(node), config_(config), controller_rpc_(node, network),
      replicas_(node, network, disk, config_, controller_rpc_, [this] { return lifecycle_.epoch(); }),
      metadata_(node, controller_rpc_, config_,
                [this](const std::vector<MetadataEntry>&) {
                    if (!lifecycle_.initial_catch_up_done()) return;
                    replicas_.apply_metadata(metadata_.image());
                    coordinator_.on_metadata();
                }),
      lifecycle_(node, controller_rpc_, config_, fresh_incarnation(node),
                 [this] { return metadata_.image().last_offset(); },
                 [this] { on_caught_up(); }),
      producer_ids_(node, config_, controller_rpc_, [this] { return lifecycle_.epoch(); }),
      coordinator_(node, config_, replicas_, controller_rpc_,
                   [this]() -> const metadata::ClusterImage& { return metadata_.image(); }),
      network_(network) {
    replicas_.set_progress_listener([this] { coordinator_.on_progress(); });
    node_.trace("broker.start", {{"broker", config_.id.value}, {"incarnation", static_cast<std::int64_t>(lifecycle_.incarnation().value >> 1)}});
    metadata_.start();
    lifecycle_.start();
}

void Broker::on_caught_up() {
    replicas_.apply_metadata(metadata_.image());
    coordinator_.on_metadata();
    server_ = std::make_unique<rpc::RpcServer>(
        node_, network_, [this](rpc::RequestContext c, rpc::Reply r) { on_request(std::move(c), std::move(r)); });
}

void Broker::on_request(rpc::RequestContext context, rpc::Reply reply) {
    RequestBody& body = context.body;
    if (auto* m = std::get_if<MetadataRequest>(&body)) {
        reply(answer_metadata(metadata_.image(), *m));
    } else if (auto* p = std::get_if<ProduceRequest>(&body)) {
        replicas_.produce(std::move(*p), std::move(reply));
    } else if (auto* f = std::get_if<FetchRequest>(&body)) {
        replicas_.fetch(std::move(*f), std::move(reply));
    } else if (auto* l = std::get_if<ListOffsetsRequest>(&body)) {
        reply(replicas_.list_offsets(*l));
    } else if (auto* e = std::get_if<OffsetsForLeaderEpochRequest>(&body)) {
        reply(replicas_.offsets_for_leader_epoch(*e));
    } else if (std::holds_alternative<InitProducerIdRequest>(body)) {
        reply(producer_ids_.generate());
    } else if (auto* fc = std::get_if<FindCoordinatorRequest>(&body)) {
        reply(coordinator_.find_coordinator(*fc));
    } else if (auto* oc = std::get_if<OffsetCommitRequest>(&body)) {
        coordinator_.offset_commit(std::move(*oc), std::move(reply));
    } else if (auto* of = std::get_if<OffsetFetchRequest>(&body)) {
        reply(coordinator_.offset_fetch(*of));
    } else if (auto* jg = std::get_if<JoinGroupRequest>(&body)) {
        coordinator_.join_group(std::move(*jg), std::move(reply));
    } else if (auto* sg = std::get_if<SyncGroupRequest>(&body)) {
        coordinator_.sync_group(std::move(*sg), std::move(reply));
    } else if (auto* hb = std::get_if<HeartbeatRequest>(&body)) {
        reply(coordinator_.heartbeat(*hb));
    } else if (auto* lg = std::get_if<LeaveGroupRequest>(&body)) {
        reply(coordinator_.leave_group(*lg));
    } else {
        // A request only the controller serves: a misdirected client gets no answer in
        // Kafka either (the API is not exposed on brokers); here it is a bug in the caller.
        SIM_ASSERT(false, "brokers do not serve controller requests");
    }
}

}  // namespace kafkasim::broker
