// A cluster with a test client (for admin requests and waiting on leaders), one producer node
// writing into a history, a trace kept in memory, and the checks the producer tests read.
#pragma once

#include <memory>
#include <string>

#include "engine/trace_sinks.h"
#include "sim/check/lost_acked.h"
#include "sim/producer/producer.h"
#include "tests/support/broker_world.h"

namespace kafkasim::testing {

class ProducerWorld {
public:
    ProducerWorld(std::uint64_t seed, producer::ProducerConfig config, std::int32_t brokers = 3);

    check::History history;  // before the world: the producer writes into it until the end
    BrokerWorld world;
    std::shared_ptr<engine::MemoryTraceSink> trace = std::make_shared<engine::MemoryTraceSink>();
    engine::Node* producer_node = nullptr;

    producer::Producer& producer();
    engine::Simulation& sim() { return world.cluster.sim(); }
    // Creates the topic and waits until every partition has a leader.
    void create_topic(const std::string& name, std::int32_t partitions, std::int16_t rf = 3,
                      ConfigOverrides configs = {{"min.insync.replicas", "2"}});
    // Sends value prefix+i for i in [from, from+count) to `topic`, with `key` (nullopt: null).
    void send(const std::string& topic, const std::string& prefix, int from, int count,
              std::optional<std::string> key = std::nullopt);
    // Runs until the producer has no record pending, or `limit_ms`; true if drained.
    bool drain(std::int64_t limit_ms = 300000);
    // Heals every fault, waits for brokers and for replicas to converge.
    void heal_and_settle();

    check::CheckResult lost_acked();
    check::CheckResult duplicates();
    check::CheckResult reordered();
    // Trace records of `kind`.
    std::vector<engine::TraceRecord> records(std::string_view kind) const;
};

producer::ProducerConfig producer_config();

}  // namespace kafkasim::testing
