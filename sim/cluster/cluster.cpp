#include "sim/cluster/cluster.h"

namespace kafkasim::cluster {

Cluster::Cluster(ClusterOptions options) : options_(std::move(options)), sim_(options_.seed) {
    for (const auto& sink : options_.trace_sinks) sim_.trace().add_sink(sink);
    options_.controller.replication_truncation = options_.replication_truncation;
    options_.broker.replication_truncation = options_.replication_truncation;
    controller_node_ = &sim_.add_node("controller");
    network_ = std::make_unique<engine::Network>(sim_, options_.network);
    faults_ = std::make_unique<engine::FaultInjector>(sim_, *network_);
    add_server("controller");
    controller_node_->set_process_factory([this](engine::Node& n) {
        return std::make_unique<controller::Controller>(n, *network_, disks_.at(n.id())->disk(), options_.controller);
    });
    controller_node_->start();
    for (std::int32_t i = 0; i < options_.brokers; ++i) add_broker();
}

engine::Node& Cluster::add_server(const std::string& name) {
    engine::Node& node = name == "controller" ? *controller_node_ : sim_.add_node(name);
    if (&node != controller_node_) network_->attach(node);
    auto disk = std::make_unique<engine::NodeDisk>(node, options_.disk);
    faults_->add_disk(node.id(), *disk);
    disks_.emplace(node.id(), std::move(disk));
    return node;
}

BrokerId Cluster::add_broker() {
    const BrokerId id{static_cast<std::int32_t>(brokers_.size()) + 1};
    engine::Node& node = add_server("broker-" + std::to_string(id.value));
    broker::BrokerConfig config = options_.broker;
    config.id = id;
    config.controller = controller_node_->id();
    node.set_process_factory([this, config](engine::Node& n) {
        return std::make_unique<broker::Broker>(n, *network_, disks_.at(n.id())->disk(), config);
    });
    brokers_.emplace(id, &node);
    node.start();
    return id;
}

engine::Node& Cluster::add_client(const std::string& name, engine::ProcessFactory factory) {
    engine::Node& node = sim_.add_node(name);
    network_->attach(node);
    node.set_process_factory(std::move(factory));
    node.start();
    return node;
}

engine::Node& Cluster::broker_node(BrokerId id) {
    const auto it = brokers_.find(id);
    SIM_ASSERT(it != brokers_.end(), "no broker with this id");
    return *it->second;
}

engine::NodeDisk& Cluster::disk(engine::NodeId node) {
    const auto it = disks_.find(node);
    SIM_ASSERT(it != disks_.end(), "this node has no disk");
    return *it->second;
}

std::vector<BrokerId> Cluster::broker_ids() const {
    std::vector<BrokerId> ids;
    for (const auto& [id, node] : brokers_) ids.push_back(id);
    return ids;
}

std::vector<engine::NodeId> Cluster::broker_nodes() const {
    std::vector<engine::NodeId> nodes;
    for (const auto& [id, node] : brokers_) nodes.push_back(node->id());
    return nodes;
}

const controller::Controller* Cluster::controller() const {
    return dynamic_cast<const controller::Controller*>(controller_node_->process());
}

const broker::Broker* Cluster::broker(BrokerId id) const {
    const auto it = brokers_.find(id);
    return it == brokers_.end() ? nullptr : dynamic_cast<const broker::Broker*>(it->second->process());
}

}  // namespace kafkasim::cluster
