// AdminClient: the operator of a scenario, on its own client node ("admin"), as a deployment
// script with Kafka's Admin API would be: it first waits until the cluster's brokers are up
// (a Metadata answer listing as many as it expects), then sends its requests to the controller
// one at a time, in order (CreateTopics, CreatePartitions, AlterPartitionReassignments,
// ElectLeaders). A request that gets no answer is sent again after a second; an answer with an
// error is final and traced (admin.answer), as a script would report it and go on.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "engine/node.h"
#include "sim/rpc/rpc_client.h"

namespace kafkasim::apps {

class AdminClient : public engine::Process {
public:
    AdminClient(engine::Node& node, engine::Network& network, std::vector<engine::NodeId> brokers,
                engine::NodeId controller, std::int32_t expected_brokers);

    // Queues `request` for the controller.
    void submit(RequestBody request);
    bool idle() const { return queue_.empty() && !in_flight_; }

private:
    void check_brokers();
    void maybe_send();
    void on_answer(const RequestBody& request, rpc::RpcResult result);

    engine::Node& node_;
    rpc::RpcClient rpc_;
    std::vector<engine::NodeId> brokers_;
    engine::NodeId controller_;
    std::int32_t expected_brokers_;
    std::size_t next_broker_ = 0;
    bool cluster_up_ = false;
    bool in_flight_ = false;
    std::deque<RequestBody> queue_;
};

}  // namespace kafkasim::apps
