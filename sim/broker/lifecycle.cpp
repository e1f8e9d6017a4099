#include "sim/broker/lifecycle.h"

#include <string>

#include "sim/producer/backoff.h"

namespace kafkasim::broker {

namespace {

// BrokerLifecycleManager: "Schedule the heartbeat after only 10 ms so that in the case where
// there is no recovery work to be done, we start up a bit quicker."
constexpr engine::Duration starting_heartbeat = engine::Duration::ms(10);
// Its resendExponentialBackoff: 100 ms, ×2, up to broker.session.timeout.ms, jitter 0.02.
constexpr engine::Duration resend_backoff = engine::Duration::ms(100);
constexpr std::int32_t resend_jitter_permille = 20;

}  // namespace

std::string_view to_string(BrokerState state) {
    switch (state) {
        case BrokerState::not_running: return "NOT_RUNNING";
        case BrokerState::starting: return "STARTING";
        case BrokerState::recovery: return "RECOVERY";
        case BrokerState::running: return "RUNNING";
    }
    return "?";
}

BrokerLifecycle::BrokerLifecycle(engine::Node& node, rpc::RpcClient& rpc, const BrokerConfig& config,
                                 IncarnationId incarnation, std::function<Offset()> metadata_offset,
                                 std::function<void()> caught_up)
    : node_(node), rpc_(rpc), config_(config), incarnation_(incarnation),
      metadata_offset_(std::move(metadata_offset)), on_caught_up_(std::move(caught_up)),
      random_(node.sim().random_stream(node.name() + "/lifecycle").split(std::to_string(node.incarnation()))) {}

void BrokerLifecycle::start() {
    set_state(BrokerState::starting);
    communicate();
}

void BrokerLifecycle::set_state(BrokerState state) {
    state_ = state;
    node_.trace("broker.state", {{"state", to_string(state)}});
}

// CommunicationEvent: one registration or heartbeat at a time; one that comes due while
// another is out goes as soon as that one is answered.
void BrokerLifecycle::communicate() {
    timer_ = {};
    if (in_flight_) {
        next_immediately_ = true;
        return;
    }
    in_flight_ = true;
    if (registered())
        send_heartbeat();
    else
        send_registration();
}

// scheduleNextCommunication: the next communication replaces one already scheduled.
void BrokerLifecycle::schedule(engine::Duration after) {
    if (next_immediately_) after = engine::Duration::zero();
    next_immediately_ = false;
    if (timer_.valid()) node_.cancel_timer(timer_);
    timer_ = node_.set_timer(after, [this] { communicate(); });
}

void BrokerLifecycle::schedule_after_failure() {
    next_immediately_ = false;  // never at once after a failure
    const producer::BackoffPolicy policy{resend_backoff, config_.broker_session_timeout, resend_jitter_permille};
    schedule(producer::backoff(policy, failed_attempts_++, random_));
}

void BrokerLifecycle::send_registration() {
    rpc_.send(config_.controller, BrokerRegistrationRequest{config_.id, incarnation_, node_.id()},
              config_.controller_request_timeout, [this](rpc::RpcResult r) { on_registration(std::move(r)); });
}

void BrokerLifecycle::on_registration(rpc::RpcResult result) {
    in_flight_ = false;
    const auto* response = result.ok() ? std::get_if<BrokerRegistrationResponse>(&result.body) : nullptr;
    if (response == nullptr || response->error != Errc::none) {
        const Errc why = response != nullptr ? response->error : result.transport;
        node_.trace("broker.register_retry", {{"error", to_string(why)}});
        schedule_after_failure();
        return;
    }
    failed_attempts_ = 0;
    epoch_ = response->epoch;
    node_.trace("broker.registered", {{"broker_epoch", epoch_.value}});
    schedule(engine::Duration::zero());  // a heartbeat at once
}

void BrokerLifecycle::send_heartbeat() {
    rpc_.send(config_.controller, BrokerHeartbeatRequest{config_.id, epoch_, metadata_offset_(), !ready_to_unfence_},
              config_.controller_request_timeout, [this](rpc::RpcResult r) { on_heartbeat(std::move(r)); });
}

void BrokerLifecycle::on_heartbeat(rpc::RpcResult result) {
    in_flight_ = false;
    const auto* response = result.ok() ? std::get_if<BrokerHeartbeatResponse>(&result.body) : nullptr;
    if (response != nullptr && response->error == Errc::stale_broker_epoch) {
        // The controller knows a newer registration of this broker id: register again
        // (Kafka's broker does when its metadata shows the registration changed).
        epoch_ = BrokerEpoch{-1};
        fenced_ = true;
        node_.trace("broker.stale_epoch", {});
        schedule(engine::Duration::zero());
        return;
    }
    if (response == nullptr || response->error != Errc::none) {
        schedule_after_failure();
        return;
    }
    failed_attempts_ = 0;
    if (response->fenced != fenced_) {
        fenced_ = response->fenced;
        node_.trace(fenced_ ? "broker.fenced" : "broker.unfenced", {{"broker_epoch", epoch_.value}});
    }
    switch (state_) {
        case BrokerState::starting:
            if (!response->caught_up) {
                schedule(starting_heartbeat);
                return;
            }
            set_state(BrokerState::recovery);
            node_.trace("broker.caught_up", {{"broker_epoch", epoch_.value}, {"metadata_offset", metadata_offset_().value}});
            on_caught_up_();
            // Recovery is done within the callback (logs are loaded as partitions are created):
            // setReadyToUnfence, and the heartbeat that asks for it goes at once.
            ready_to_unfence_ = true;
            schedule(engine::Duration::zero());
            return;
        case BrokerState::recovery:
            if (!fenced_) set_state(BrokerState::running);
            schedule(config_.heartbeat_interval);
            return;
        case BrokerState::running:
        case BrokerState::not_running:
            schedule(config_.heartbeat_interval);
            return;
    }
}

}  // namespace kafkasim::broker
