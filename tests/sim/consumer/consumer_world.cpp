#include "tests/sim/consumer/consumer_world.h"

#include <doctest/doctest.h>

#include "sim/check/committed_offset_regressions.h"
#include "sim/check/exclusivity_violations.h"
#include "sim/check/consumer_skips.h"
#include "sim/check/key_reordered.h"
#include "sim/check/redeliveries.h"
#include "sim/check/reordered.h"
#include "sim/check/replica_snapshot.h"

namespace kafkasim::testing {

cluster::ClusterOptions consumer_cluster_options(std::uint64_t seed) {
    cluster::ClusterOptions o = cluster_options(seed, 3);
    o.broker.offsets_topic_num_partitions = 3;
    o.broker.offsets_topic_replication_factor = 3;
    return o;
}

ConsumerWorld::ConsumerWorld(std::uint64_t seed) : world(consumer_cluster_options(seed)) {
    sim().trace().add_sink(trace);
    REQUIRE(world.wait_for_brokers());
    producer::ProducerConfig config;
    config.bootstrap = world.cluster.broker_nodes();
    producer_node = &world.cluster.add_client("producer-1", [this, config](engine::Node& n) {
        return std::make_unique<producer::Producer>(n, world.cluster.network(), config, &history);
    });
}

producer::Producer& ConsumerWorld::producer() {
    auto* p = dynamic_cast<producer::Producer*>(producer_node->process());
    REQUIRE(p != nullptr);
    return *p;
}

engine::Node& ConsumerWorld::add_consumer(const std::string& name, consumer::ConsumerConfig config,
                                          consumer::ConsumerWorkload workload) {
    return world.cluster.add_client(name, [this, config, workload](engine::Node& n) {
        return std::make_unique<consumer::Consumer>(n, world.cluster.network(), config, workload, &history);
    });
}

engine::Node& ConsumerWorld::add_consumer_without_history(const std::string& name, consumer::ConsumerConfig config,
                                                          consumer::ConsumerWorkload workload) {
    return world.cluster.add_client(name, [this, config, workload](engine::Node& n) {
        return std::make_unique<consumer::Consumer>(n, world.cluster.network(), config, workload, nullptr);
    });
}

consumer::Consumer* ConsumerWorld::consumer(engine::Node& node) {
    return dynamic_cast<consumer::Consumer*>(node.process());
}

void ConsumerWorld::create_topic(const std::string& name, std::int32_t partitions) {
    REQUIRE(world.create_topic(name, partitions, 3, {{"min.insync.replicas", "2"}}) == Errc::none);
    for (std::int32_t p = 0; p < partitions; ++p) REQUIRE(world.wait_for_leader(TopicPartition{name, p}));
}

void ConsumerWorld::send(const std::string& topic, const std::string& prefix, int from, int count, int keys) {
    for (int i = from; i < from + count; ++i) {
        std::optional<std::string> key;
        if (keys > 0) key = "k" + std::to_string(i % keys);
        producer().send(producer::ProducerRecord{topic, std::nullopt, key, prefix + std::to_string(i), {}});
    }
}

bool ConsumerWorld::drain_producer(std::int64_t limit_ms) {
    return world.run_until([this] { return producer().pending() == 0; }, limit_ms);
}

std::set<std::string> ConsumerWorld::processed(const std::string& group) const {
    std::set<std::string> out;
    for (const auto& e : history.processed())
        if (e.consumer.group == group) out.insert(e.record.value);
    return out;
}

bool ConsumerWorld::run_until_processed(const std::string& group, const std::string& value, std::int64_t limit_ms) {
    std::size_t seen = 0;
    bool found = false;
    return world.run_until(
        [&] {
            const auto& all = history.processed();
            for (; seen < all.size(); ++seen) found = found || (all[seen].consumer.group == group && all[seen].record.value == value);
            return found;
        },
        limit_ms);
}

check::CheckResult ConsumerWorld::redeliveries() const { return check::check_redeliveries(history); }
check::CheckResult ConsumerWorld::skips() {
    return check::check_consumer_skips(history, check::snapshot_replicas(world.cluster));
}
check::CheckResult ConsumerWorld::reordered() const { return check::check_reordered(history); }
check::CheckResult ConsumerWorld::regressions() const { return check::check_committed_offset_regressions(history); }
check::CheckResult ConsumerWorld::exclusivity() const { return check::check_exclusivity_violations(history); }
check::CheckResult ConsumerWorld::key_reordered() const { return check::check_key_reordered(history); }

std::vector<engine::TraceRecord> ConsumerWorld::records(std::string_view kind) const {
    std::vector<engine::TraceRecord> out;
    for (const auto& r : trace->records())
        if (r.kind == kind) out.push_back(r);
    return out;
}

consumer::ConsumerConfig consumer_config(const ConsumerWorld& w, consumer::AutoCommit auto_commit) {
    consumer::ConsumerConfig c;
    c.bootstrap = w.world.cluster.broker_nodes();
    c.group_id = "g";
    c.auto_offset_reset = consumer::AutoOffsetReset::earliest;
    c.enable_auto_commit = auto_commit;
    return c;
}

}  // namespace kafkasim::testing
