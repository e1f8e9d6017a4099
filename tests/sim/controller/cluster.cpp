#include "tests/sim/controller/cluster.h"

#include <string>

namespace kafkasim::testing {

Cluster::Cluster(ClusterOptions options)
    : sim(options.seed),
      controller_node(sim.add_node("controller")),
      admin_node(sim.add_node("admin")),
      options_(std::move(options)) {
    for (int i = 1; i <= options_.brokers; ++i) broker_nodes.push_back(&sim.add_node("broker-" + std::to_string(i)));
    sim.trace().add_sink(records);
    controller_disk = std::make_unique<engine::NodeDisk>(controller_node, options_.controller_disk);
    net = std::make_unique<engine::Network>(sim);
    controller_node.set_process_factory([this](engine::Node& n) {
        return std::make_unique<controller::Controller>(n, *net, controller_disk->disk(), options_.config);
    });
    for (int i = 1; i <= options_.brokers; ++i) {
        const BrokerId id{i};
        BrokerView& view = views[id];
        FakeBrokerOptions o;
        o.id = id;
        o.controller = controller_node.id();
        o.fetch_metadata = !options_.not_fetching.contains(i);
        broker(i).set_process_factory(
            [this, o, &view](engine::Node& n) { return std::make_unique<FakeBroker>(n, *net, o, view); });
    }
    controller_node.start();
    admin_node.start();
    admin = std::make_unique<rpc::RpcClient>(admin_node, *net);
    for (engine::Node* b : broker_nodes) b->start();
}

controller::Controller* Cluster::controller() {
    return dynamic_cast<controller::Controller*>(controller_node.process());
}

FakeBroker* Cluster::fake_broker(int id) { return dynamic_cast<FakeBroker*>(broker(id).process()); }

rpc::RpcResult Cluster::call(RequestBody body, engine::Duration timeout) {
    auto answer = std::make_shared<std::optional<rpc::RpcResult>>();
    admin->send(controller_node.id(), std::move(body), timeout, [answer](rpc::RpcResult r) { *answer = std::move(r); });
    while (!answer->has_value() && sim.step()) {
    }
    return answer->value();
}

std::vector<engine::TraceRecord> Cluster::traced(std::string_view kind) const {
    std::vector<engine::TraceRecord> out;
    for (const engine::TraceRecord& r : records->records())
        if (r.kind == kind) out.push_back(r);
    return out;
}

CreateTopicsRequest topic(std::string name, std::int32_t partitions, std::int16_t rf) {
    CreateTopicsRequest r;
    r.name = std::move(name);
    r.num_partitions = partitions;
    r.replication_factor = rf;
    return r;
}

Errc create(Cluster& c, CreateTopicsRequest request) {
    const rpc::RpcResult r = c.call(std::move(request));
    if (!r.ok()) return r.transport;
    return std::get<CreateTopicsResponse>(r.body).error;
}

std::int64_t int_field(const engine::TraceRecord& r, std::string_view key) {
    const auto* f = r.field(key);
    REQUIRE(f != nullptr);
    return f->int_value;
}

std::string str_field(const engine::TraceRecord& r, std::string_view key) {
    const auto* f = r.field(key);
    REQUIRE(f != nullptr);
    return f->string_value;
}

std::string check_leaders(const metadata::ClusterImage& image) {
    for (const auto& [name, topic] : image.topics()) {
        for (std::size_t i = 0; i < topic.partitions.size(); ++i) {
            const metadata::PartitionRegistration& p = topic.partitions[i];
            const std::string where = name + "-" + std::to_string(i);
            if (p.isr.empty()) return where + ": empty ISR";
            BrokerId expected = no_broker;
            for (BrokerId b : p.replicas) {
                const metadata::BrokerRegistration* reg = image.broker(b);
                if (p.in_isr(b) && reg != nullptr && !reg->fenced) {
                    expected = b;
                    break;
                }
            }
            // The current leader may stay while valid even if it is not the first; it must be
            // a valid choice, and there is a leader whenever one is possible.
            const metadata::BrokerRegistration* leader = image.broker(p.leader);
            const bool leader_valid = p.has_leader() && p.in_isr(p.leader) && leader != nullptr && !leader->fenced;
            if (p.has_leader() && !leader_valid) return where + ": leader " + std::to_string(p.leader.value) + " is not a live ISR member";
            if (!p.has_leader() && expected != no_broker) return where + ": offline though " + std::to_string(expected.value) + " could lead";
        }
    }
    return {};
}

}  // namespace kafkasim::testing
