// A cluster whose __consumer_offsets fits it (3 partitions, replication factor 3), one
// producer and any number of consumer nodes, all writing into one history, a trace kept in
// memory, and the consumer checkers the tests read.
#pragma once

#include <memory>
#include <set>
#include <string>

#include "engine/trace_sinks.h"
#include "sim/check/lost_acked.h"
#include "sim/consumer/consumer.h"
#include "sim/producer/producer.h"
#include "tests/support/broker_world.h"

namespace kafkasim::testing {

cluster::ClusterOptions consumer_cluster_options(std::uint64_t seed);

class ConsumerWorld {
public:
    explicit ConsumerWorld(std::uint64_t seed);

    check::History history;  // before the world: the clients write into it until the end
    BrokerWorld world;
    std::shared_ptr<engine::MemoryTraceSink> trace = std::make_shared<engine::MemoryTraceSink>();
    engine::Node* producer_node = nullptr;

    engine::Simulation& sim() { return world.cluster.sim(); }
    producer::Producer& producer();
    // Adds and starts a consumer node; its restarts build it again with the same settings.
    engine::Node& add_consumer(const std::string& name, consumer::ConsumerConfig config,
                               consumer::ConsumerWorkload workload);
    // The same, writing no history (as a run without checkers: it decodes no record's key or value).
    engine::Node& add_consumer_without_history(const std::string& name, consumer::ConsumerConfig config,
                                               consumer::ConsumerWorkload workload);
    // The consumer running on `node`, or nullptr while it is down.
    static consumer::Consumer* consumer(engine::Node& node);

    // Creates the topic (min.insync.replicas 2) and waits for its leaders.
    void create_topic(const std::string& name, std::int32_t partitions);
    // Sends value prefix+i for i in [from, from+count); the key is "k<i % keys>" when keys > 0.
    void send(const std::string& topic, const std::string& prefix, int from, int count, int keys = 0);
    bool drain_producer(std::int64_t limit_ms = 120000);
    // Distinct values the group processed.
    std::set<std::string> processed(const std::string& group) const;
    // Runs until the group processed `value`, or `limit_ms`; true if it did.
    bool run_until_processed(const std::string& group, const std::string& value, std::int64_t limit_ms = 120000);

    check::CheckResult redeliveries() const;
    check::CheckResult skips();
    check::CheckResult reordered() const;
    check::CheckResult regressions() const;
    check::CheckResult key_reordered() const;
    check::CheckResult exclusivity() const;
    std::vector<engine::TraceRecord> records(std::string_view kind) const;
};

// Kafka's defaults, the cluster's brokers, group "g", earliest, auto-commit as given.
consumer::ConsumerConfig consumer_config(const ConsumerWorld& w, consumer::AutoCommit auto_commit);

}  // namespace kafkasim::testing
