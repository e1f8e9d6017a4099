#include "sim/broker/lifecycle.h"

#include <string>

namespace kafkasim::broker {

BrokerLifecycle::BrokerLifecycle(engine::Node& node, rpc::RpcClient& rpc, const BrokerConfig& config,
                                 IncarnationId incarnation, std::function<Offset()> metadata_offset,
                                 std::function<void()> caught_up)
    : node_(node), rpc_(rpc), config_(config), incarnation_(incarnation),
      metadata_offset_(std::move(metadata_offset)), on_caught_up_(std::move(caught_up)) {}

void BrokerLifecycle::start() { send_registration(); }

void BrokerLifecycle::send_registration() {
    rpc_.send(config_.controller, BrokerRegistrationRequest{config_.id, incarnation_, node_.id()},
              config_.controller_request_timeout, [this](rpc::RpcResult r) { on_registration(std::move(r)); });
}

void BrokerLifecycle::on_registration(rpc::RpcResult result) {
    const auto* response = result.ok() ? std::get_if<BrokerRegistrationResponse>(&result.body) : nullptr;
    if (response == nullptr || response->error != Errc::none) {
        const Errc why = response != nullptr ? response->error : result.transport;
        node_.trace("broker.register_retry", {{"error", to_string(why)}});
        node_.set_timer(config_.registration_retry, [this] { send_registration(); });
        return;
    }
    epoch_ = response->epoch;
    node_.trace("broker.registered", {{"broker_epoch", epoch_.value}});
    send_heartbeat();
}

void BrokerLifecycle::send_heartbeat() {
    rpc_.send(config_.controller, BrokerHeartbeatRequest{config_.id, epoch_, metadata_offset_(), false},
              config_.controller_request_timeout, [this](rpc::RpcResult r) { on_heartbeat(std::move(r)); });
}

void BrokerLifecycle::on_heartbeat(rpc::RpcResult result) {
    const auto* response = result.ok() ? std::get_if<BrokerHeartbeatResponse>(&result.body) : nullptr;
    if (response != nullptr && response->error == Errc::stale_broker_epoch) {
        // The controller knows a newer registration of this broker id: register again.
        epoch_ = BrokerEpoch{-1};
        fenced_ = true;
        node_.trace("broker.stale_epoch", {});
        send_registration();
        return;
    }
    if (response != nullptr && response->error == Errc::none && response->fenced != fenced_) {
        fenced_ = response->fenced;
        node_.trace(fenced_ ? "broker.fenced" : "broker.unfenced", {{"broker_epoch", epoch_.value}});
    }
    if (response != nullptr && response->error == Errc::none && !caught_up_ && (response->caught_up || !response->fenced)) {
        caught_up_ = true;
        node_.trace("broker.caught_up", {{"broker_epoch", epoch_.value}, {"metadata_offset", metadata_offset_().value}});
        on_caught_up_();
    }
    node_.set_timer(config_.heartbeat_interval, [this] { send_heartbeat(); });
}

}  // namespace kafkasim::broker
