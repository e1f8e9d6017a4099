#include "sim/apps/admin_client.h"

namespace kafkasim::apps {

namespace {

constexpr engine::Duration retry_after = engine::Duration::ms(1000);
constexpr engine::Duration request_timeout = engine::Duration::ms(30000);

// The error of an admin answer: the first partition's or topic's that is not NONE.
Errc error_of(const ResponseBody& body) {
    if (const auto* c = std::get_if<CreateTopicsResponse>(&body)) return c->error;
    if (const auto* p = std::get_if<CreatePartitionsResponse>(&body)) return p->error;
    if (const auto* r = std::get_if<AlterPartitionReassignmentsResponse>(&body))
        for (const auto& part : r->partitions)
            if (part.error != Errc::none) return part.error;
    if (const auto* e = std::get_if<ElectLeadersResponse>(&body))
        for (const auto& part : e->partitions)
            if (part.error != Errc::none && part.error != Errc::election_not_needed) return part.error;
    return Errc::none;
}

}  // namespace

AdminClient::AdminClient(engine::Node& node, engine::Network& network, std::vector<engine::NodeId> brokers,
                         engine::NodeId controller, std::int32_t expected_brokers)
    : node_(node), rpc_(node, network), brokers_(std::move(brokers)), controller_(controller),
      expected_brokers_(expected_brokers) {
    check_brokers();
}

void AdminClient::submit(RequestBody request) {
    queue_.push_back(std::move(request));
    maybe_send();
}

void AdminClient::check_brokers() {
    if (brokers_.empty()) return;
    const engine::NodeId target = brokers_[next_broker_++ % brokers_.size()];
    rpc_.send(target, MetadataRequest{}, request_timeout, [this](rpc::RpcResult r) {
        const auto* m = r.ok() ? std::get_if<MetadataResponse>(&r.body) : nullptr;
        if (m != nullptr && static_cast<std::int32_t>(m->brokers.size()) >= expected_brokers_) {
            cluster_up_ = true;
            node_.trace("admin.cluster_up", {{"brokers", static_cast<std::int64_t>(m->brokers.size())}});
            maybe_send();
            return;
        }
        node_.set_timer(engine::Duration::ms(200), [this] { check_brokers(); });
    });
}

void AdminClient::maybe_send() {
    if (!cluster_up_ || in_flight_ || queue_.empty()) return;
    in_flight_ = true;
    const RequestBody request = queue_.front();
    node_.trace("admin.request", {{"api", api_name(request)}});
    rpc_.send(controller_, request, request_timeout, [this, request](rpc::RpcResult r) { on_answer(request, std::move(r)); });
}

void AdminClient::on_answer(const RequestBody& request, rpc::RpcResult result) {
    in_flight_ = false;
    if (!result.ok()) {
        // No answer (the controller is down or cut off): the same request again, later.
        node_.set_timer(retry_after, [this] { maybe_send(); });
        return;
    }
    node_.trace("admin.answer", {{"api", api_name(request)}, {"error", to_string(error_of(result.body))}});
    queue_.pop_front();
    maybe_send();
}

}  // namespace kafkasim::apps
