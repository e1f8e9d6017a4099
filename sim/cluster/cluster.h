// Cluster: a whole simulated Kafka deployment assembled on one engine: the simulation, the
// network, the controller node and broker nodes each with its own disk, client nodes, and
// the fault injector. Scenario runs, the visualizer and the tests build their worlds with it.
// Nodes are named "controller", "broker-1", "broker-2", …; broker ids count from 1.
//
// It only wires nodes together and starts them: every effect between nodes still travels as
// a message through the network. The process views it returns are for observers (reports,
// tests, the visualizer), never for one node to read another's state.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/disk/node_disk.h"
#include "engine/faults.h"
#include "engine/net/network.h"
#include "sim/broker/broker.h"
#include "sim/controller/controller.h"

namespace kafkasim::cluster {

struct ClusterOptions {
    std::uint64_t seed = 1;
    std::int32_t brokers = 3;
    engine::NetworkOptions network;
    engine::NodeDiskOptions disk;                // every server's disk
    controller::ControllerConfig controller;
    broker::BrokerConfig broker;                 // `id` and `controller` are set per broker
    // Sets both the controller's and the brokers' (sim/common/replication_truncation.h).
    ReplicationTruncation replication_truncation = ReplicationTruncation::leader_epoch;
    // Added before any node starts, so they see the whole run.
    std::vector<std::shared_ptr<engine::TraceSink>> trace_sinks;
};

class Cluster {
public:
    // Creates and starts the controller and the brokers at time zero.
    explicit Cluster(ClusterOptions options);
    Cluster(const Cluster&) = delete;
    Cluster& operator=(const Cluster&) = delete;

    engine::Simulation& sim() { return sim_; }
    engine::Network& network() { return *network_; }
    engine::FaultInjector& faults() { return *faults_; }

    engine::Node& controller_node() { return *controller_node_; }
    engine::Node& broker_node(BrokerId id);
    engine::NodeDisk& disk(engine::NodeId node);
    std::vector<BrokerId> broker_ids() const;
    std::vector<engine::NodeId> broker_nodes() const;

    // Adds and starts a broker with the next id (a growing cluster).
    BrokerId add_broker();
    // Adds a client node running what `factory` builds; started at once.
    engine::Node& add_client(const std::string& name, engine::ProcessFactory factory);

    // The running processes, or nullptr while the node is down.
    const controller::Controller* controller() const;
    const broker::Broker* broker(BrokerId id) const;

private:
    engine::Node& add_server(const std::string& name);

    ClusterOptions options_;
    engine::Simulation sim_;
    std::unique_ptr<engine::Network> network_;
    std::unique_ptr<engine::FaultInjector> faults_;
    std::map<engine::NodeId, std::unique_ptr<engine::NodeDisk>> disks_;
    engine::Node* controller_node_ = nullptr;
    std::map<BrokerId, engine::Node*> brokers_;
};

}  // namespace kafkasim::cluster
