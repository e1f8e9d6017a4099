// BrokerLifecycle: a broker's standing with the controller, as Kafka 3.9's
// BrokerLifecycleManager keeps it (KIP-631), through its states:
// - STARTING: register with a fresh incarnation id (the controller refuses it with
//   DUPLICATE_BROKER_REGISTRATION while an older session of this broker lives); once
//   registered, heartbeat at once and then every 10 ms with the metadata offset reached, asking
//   to stay fenced (want_fence), until an answer says the broker caught up with the metadata
//   log (its offset reached its own registration record);
// - RECOVERY: caught up, the broker takes its partition roles and opens its listener (the
//   caught_up callback, BrokerServer's startup after initialCatchUpFuture), and is then ready to
//   be unfenced (setReadyToUnfence): it heartbeats at once without want_fence, and the
//   controller unfences it;
// - RUNNING: from the first answer that says it is unfenced; a heartbeat every
//   broker.heartbeat.interval.ms, and each answer says whether the controller has fenced it.
// A registration or heartbeat that fails (an error, or no answer) is sent again after an
// exponential backoff: 100 ms doubling up to broker.session.timeout.ms, jitter 2%.
#pragma once

#include <functional>

#include "engine/node.h"
#include "engine/random.h"
#include "sim/broker/broker_config.h"
#include "sim/rpc/rpc_client.h"

namespace kafkasim::broker {

// Kafka's BrokerState, as far as kafkasim's brokers go (no controlled shutdown).
enum class BrokerState : std::uint8_t { not_running, starting, recovery, running };

std::string_view to_string(BrokerState state);

class BrokerLifecycle {
public:
    // `metadata_offset` says how far the broker has replayed the metadata log; `caught_up`
    // runs once, when the controller first says this incarnation has caught up with it, and
    // the broker is ready to be unfenced when it returns.
    BrokerLifecycle(engine::Node& node, rpc::RpcClient& rpc, const BrokerConfig& config,
                    IncarnationId incarnation, std::function<Offset()> metadata_offset,
                    std::function<void()> caught_up);

    void start();
    bool registered() const { return epoch_.value >= 0; }
    BrokerEpoch epoch() const { return epoch_; }
    bool fenced() const { return fenced_; }
    BrokerState state() const { return state_; }
    // The controller has said this incarnation caught up with the metadata log. Until then
    // the broker takes no partition role: its replayed metadata may still name it leader of
    // partitions its previous incarnation led (BrokerServer waits for the initial catch-up).
    bool initial_catch_up_done() const { return state_ == BrokerState::recovery || state_ == BrokerState::running; }
    IncarnationId incarnation() const { return incarnation_; }

private:
    void communicate();
    void schedule(engine::Duration after);
    void schedule_after_failure();
    void send_registration();
    void on_registration(rpc::RpcResult result);
    void send_heartbeat();
    void on_heartbeat(rpc::RpcResult result);
    void set_state(BrokerState state);

    engine::Node& node_;
    rpc::RpcClient& rpc_;
    const BrokerConfig& config_;
    IncarnationId incarnation_;
    std::function<Offset()> metadata_offset_;
    std::function<void()> on_caught_up_;
    engine::Random random_;  // the failure backoff's jitter
    BrokerState state_ = BrokerState::not_running;
    BrokerEpoch epoch_{-1};
    bool fenced_ = true;
    bool ready_to_unfence_ = false;
    bool in_flight_ = false;           // a registration or heartbeat awaits its answer
    bool next_immediately_ = false;    // one was due while another was in flight
    std::int32_t failed_attempts_ = 0;
    engine::TimerId timer_;            // the next communication
};

}  // namespace kafkasim::broker
