// FakeBroker: the smallest broker that talks to the controller, for the controller's tests. It
// registers with a fresh incarnation id at each start (retrying while refused), heartbeats
// every broker.heartbeat.interval.ms with the metadata offset it has applied, and fetches the
// metadata log into its own ClusterImage. What it sees goes into a BrokerView that the test
// owns, so it survives the broker's restarts; nothing in the run reads a view back.
#pragma once

#include <vector>

#include "engine/net/network.h"
#include "sim/metadata/cluster_image.h"
#include "sim/rpc/rpc_client.h"

namespace kafkasim::testing {

struct BrokerView {
    std::vector<Errc> registration_errors;  // every refused or failed registration, in order
    std::vector<BrokerEpoch> epochs;        // every epoch granted, in order
    bool fenced = true;                     // as the last heartbeat answer said
    bool caught_up = false;
    engine::Instant unfenced_at = engine::Instant::max();  // first answer that said unfenced
    std::vector<Errc> heartbeat_errors;
    std::int64_t heartbeats_answered = 0;   // answers without error
    // Answers to alter_partition(), in order; a transport failure as a response with its error.
    std::vector<AlterPartitionResponse> alter_partition_answers;
    metadata::ClusterImage image;           // of the current process
    Offset high_watermark{0};
};

struct FakeBrokerOptions {
    BrokerId id{1};
    engine::NodeId controller;
    engine::Duration heartbeat_interval = engine::Duration::ms(2000);  // broker.heartbeat.interval.ms
    engine::Duration request_timeout = engine::Duration::ms(2000);
    engine::Duration retry = engine::Duration::ms(1000);
    engine::Duration fetch_wait = engine::Duration::ms(500);
    bool fetch_metadata = true;  // false: a broker that never catches up
};

class FakeBroker : public engine::Process {
public:
    FakeBroker(engine::Node& node, engine::Network& network, FakeBrokerOptions options, BrokerView& view);

    // Sends `request` on this broker's connection to the controller, the one its heartbeats
    // and fetches use; the answer goes to the view's alter_partition_answers.
    void alter_partition(AlterPartitionRequest request);

private:
    void register_now();
    void on_registered(rpc::RpcResult result);
    void heartbeat();
    void on_heartbeat(rpc::RpcResult result);
    void fetch();
    void on_fetch(rpc::RpcResult result);

    engine::Node& node_;
    FakeBrokerOptions options_;
    BrokerView& view_;
    rpc::RpcClient rpc_;
    BrokerEpoch epoch_{-1};
    bool fetching_ = false;
};

}  // namespace kafkasim::testing
