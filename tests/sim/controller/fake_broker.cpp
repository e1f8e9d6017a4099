#include "tests/sim/controller/fake_broker.h"

namespace kafkasim::testing {

FakeBroker::FakeBroker(engine::Node& node, engine::Network& network, FakeBrokerOptions options, BrokerView& view)
    : node_(node), options_(options), view_(view), rpc_(node, network) {
    view_.image = metadata::ClusterImage{};
    view_.fenced = true;
    view_.caught_up = false;
    register_now();
}

void FakeBroker::register_now() {
    // A new incarnation id at every start of the process, the same one for its retries.
    const IncarnationId incarnation{node_.incarnation() * 1000 + static_cast<std::uint64_t>(options_.id.value)};
    rpc_.send(options_.controller, BrokerRegistrationRequest{options_.id, incarnation, node_.id()},
              options_.request_timeout, [this](rpc::RpcResult r) { on_registered(std::move(r)); });
}

void FakeBroker::on_registered(rpc::RpcResult result) {
    const auto* response = result.ok() ? std::get_if<BrokerRegistrationResponse>(&result.body) : nullptr;
    if (response == nullptr || response->error != Errc::none) {
        view_.registration_errors.push_back(response != nullptr ? response->error : result.transport);
        node_.set_timer(options_.retry, [this] { register_now(); });
        return;
    }
    epoch_ = response->epoch;
    view_.epochs.push_back(epoch_);
    heartbeat();
    if (!fetching_ && options_.fetch_metadata) {
        fetching_ = true;
        fetch();
    }
}

void FakeBroker::heartbeat() {
    rpc_.send(options_.controller, BrokerHeartbeatRequest{options_.id, epoch_, view_.image.last_offset(), false},
              options_.request_timeout, [this](rpc::RpcResult r) { on_heartbeat(std::move(r)); });
}

void FakeBroker::on_heartbeat(rpc::RpcResult result) {
    const auto* response = result.ok() ? std::get_if<BrokerHeartbeatResponse>(&result.body) : nullptr;
    if (response != nullptr && response->error == Errc::stale_broker_epoch) {
        view_.heartbeat_errors.push_back(response->error);
        register_now();
        return;
    }
    if (response != nullptr && response->error == Errc::none) {
        ++view_.heartbeats_answered;
        view_.fenced = response->fenced;
        view_.caught_up = response->caught_up;
        if (!response->fenced && view_.unfenced_at == engine::Instant::max()) view_.unfenced_at = node_.now();
    } else {
        view_.heartbeat_errors.push_back(response != nullptr ? response->error : result.transport);
    }
    node_.set_timer(options_.heartbeat_interval, [this] { heartbeat(); });
}

void FakeBroker::fetch() {
    rpc_.send(options_.controller, FetchMetadataRequest{options_.id, view_.image.last_offset().next(), 100},
              options_.request_timeout, [this](rpc::RpcResult r) { on_fetch(std::move(r)); });
}

void FakeBroker::on_fetch(rpc::RpcResult result) {
    const auto* response = result.ok() ? std::get_if<FetchMetadataResponse>(&result.body) : nullptr;
    if (response == nullptr || response->error != Errc::none || response->entries.empty()) {
        if (response != nullptr) view_.high_watermark = response->high_watermark;
        node_.set_timer(options_.fetch_wait, [this] { fetch(); });
        return;
    }
    view_.high_watermark = response->high_watermark;
    for (const MetadataEntry& e : response->entries)
        if (e.offset > view_.image.last_offset()) view_.image.apply(e);
    fetch();
}

void FakeBroker::alter_partition(AlterPartitionRequest request) {
    rpc_.send(options_.controller, std::move(request), options_.request_timeout, [this](rpc::RpcResult r) {
        const auto* response = r.ok() ? std::get_if<AlterPartitionResponse>(&r.body) : nullptr;
        AlterPartitionResponse answer;
        if (response != nullptr) answer = *response;
        else answer.error = r.ok() ? Errc::unknown_server_error : r.transport;
        view_.alter_partition_answers.push_back(std::move(answer));
    });
}

}  // namespace kafkasim::testing
