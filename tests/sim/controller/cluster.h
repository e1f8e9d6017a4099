// A small world for the controller's tests: one controller node on its own disk, fake brokers
// with ids 1..n, and an admin node whose RpcClient the test drives. Everything the test
// observes (broker views, trace records) lives outside the nodes.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "engine/disk/node_disk.h"
#include "engine/net/network.h"
#include "engine/trace_sinks.h"
#include "sim/controller/controller.h"
#include "tests/sim/controller/fake_broker.h"
#include "tests/sim/controller/partition_fixtures.h"

namespace kafkasim::testing {

struct ClusterOptions {
    std::uint64_t seed = 1;
    int brokers = 3;
    controller::ControllerConfig config;
    engine::NodeDiskOptions controller_disk;
    std::set<int> not_fetching;  // brokers that never fetch metadata
};

class Cluster {
public:
    explicit Cluster(ClusterOptions options);

    engine::Simulation sim;
    engine::Node& controller_node;
    engine::Node& admin_node;
    std::vector<engine::Node*> broker_nodes;  // broker id i is broker_nodes[i - 1]
    std::unique_ptr<engine::NodeDisk> controller_disk;
    std::unique_ptr<engine::Network> net;
    std::map<BrokerId, BrokerView> views;
    std::shared_ptr<engine::MemoryTraceSink> records = std::make_shared<engine::MemoryTraceSink>();
    std::unique_ptr<rpc::RpcClient> admin;

    // The running controller, or nullptr while it is down.
    controller::Controller* controller();
    engine::Node& broker(int id) { return *broker_nodes.at(static_cast<std::size_t>(id - 1)); }
    // The running fake broker `id`, or nullptr while it is down.
    FakeBroker* fake_broker(int id);

    void run_until_ms(std::int64_t ms) { sim.run_until(engine::Instant::from_ms(ms)); }
    // Sends `body` from the admin node and runs until it is answered (or `timeout` passes).
    rpc::RpcResult call(RequestBody body, engine::Duration timeout = engine::Duration::ms(5000));
    // Trace records of `kind`, in order.
    std::vector<engine::TraceRecord> traced(std::string_view kind) const;

private:
    ClusterOptions options_;
};

// A CreateTopics request; -1 asks for the broker's default partition count or replication factor.
CreateTopicsRequest topic(std::string name, std::int32_t partitions = -1, std::int16_t rf = -1);
// Sends `request` and returns the topic's error (or the transport's, if unanswered).
Errc create(Cluster& c, CreateTopicsRequest request);

// A trace record's field `key`, which it must have.
std::int64_t int_field(const engine::TraceRecord& r, std::string_view key);
std::string str_field(const engine::TraceRecord& r, std::string_view key);

// A leader that is the first unfenced ISR replica in assignment order, and every ISR non-empty:
// the invariants of clean elections. Returns a description of the first violation, or "".
std::string check_leaders(const metadata::ClusterImage& image);

// Runs `run` twice and checks both runs leave the same trace hash (the `hash` member of what
// it returns); returns the first run's result.
template <class Run>
auto run_twice(Run run) {
    auto first = run();
    auto again = run();
    CHECK(first.hash == again.hash);
    return first;
}

}  // namespace kafkasim::testing
