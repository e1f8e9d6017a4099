// BrokerLifecycle: a broker's standing with the controller, as Kafka's
// BrokerLifecycleManager keeps it (KIP-631): register with a fresh incarnation id, retry
// while the controller refuses it (DUPLICATE_BROKER_REGISTRATION while an older session of
// this broker lives), then heartbeat every broker.heartbeat.interval.ms with the metadata
// offset reached, and learn from each answer whether the controller has fenced the broker
// and whether the broker has caught up with the metadata log.
#pragma once

#include <functional>

#include "engine/node.h"
#include "sim/broker/broker_config.h"
#include "sim/rpc/rpc_client.h"

namespace kafkasim::broker {

class BrokerLifecycle {
public:
    // `metadata_offset` says how far the broker has replayed the metadata log; `caught_up`
    // runs once, when the controller first says this incarnation has caught up with it.
    BrokerLifecycle(engine::Node& node, rpc::RpcClient& rpc, const BrokerConfig& config,
                    IncarnationId incarnation, std::function<Offset()> metadata_offset,
                    std::function<void()> caught_up);

    void start();
    bool registered() const { return epoch_.value >= 0; }
    BrokerEpoch epoch() const { return epoch_; }
    bool fenced() const { return fenced_; }
    // The controller has said this incarnation caught up with the metadata log. Until then
    // the broker takes no partition role: its replayed metadata may still name it leader of
    // partitions its previous incarnation led (BrokerServer waits for the initial catch-up).
    bool initial_catch_up_done() const { return caught_up_; }
    IncarnationId incarnation() const { return incarnation_; }

private:
    void send_registration();
    void on_registration(rpc::RpcResult result);
    void send_heartbeat();
    void on_heartbeat(rpc::RpcResult result);

    engine::Node& node_;
    rpc::RpcClient& rpc_;
    const BrokerConfig& config_;
    IncarnationId incarnation_;
    std::function<Offset()> metadata_offset_;
    std::function<void()> on_caught_up_;
    bool caught_up_ = false;
    BrokerEpoch epoch_{-1};
    bool fenced_ = true;
};

}  // namespace kafkasim::broker
