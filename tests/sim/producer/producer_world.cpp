#include "tests/sim/producer/producer_world.h"

#include <doctest/doctest.h>

#include "sim/check/duplicates_in_log.h"
#include "sim/check/send_reordered.h"

namespace kafkasim::testing {

producer::ProducerConfig producer_config() { return producer::ProducerConfig{}; }

ProducerWorld::ProducerWorld(std::uint64_t seed, producer::ProducerConfig config, std::int32_t brokers)
    : world(cluster_options(seed, brokers)) {
    sim().trace().add_sink(trace);
    config.bootstrap = world.cluster.broker_nodes();
    REQUIRE(world.wait_for_brokers());
    producer_node = &world.cluster.add_client("producer-1", [this, config](engine::Node& n) {
        return std::make_unique<producer::Producer>(n, world.cluster.network(), config, &history);
    });
}

producer::Producer& ProducerWorld::producer() {
    auto* p = dynamic_cast<producer::Producer*>(producer_node->process());
    REQUIRE(p != nullptr);
    return *p;
}

void ProducerWorld::create_topic(const std::string& name, std::int32_t partitions, std::int16_t rf,
                                 ConfigOverrides configs) {
    REQUIRE(world.create_topic(name, partitions, rf, std::move(configs)) == Errc::none);
    for (std::int32_t p = 0; p < partitions; ++p) REQUIRE(world.wait_for_leader(TopicPartition{name, p}));
}

void ProducerWorld::send(const std::string& topic, const std::string& prefix, int from, int count,
                         std::optional<std::string> key) {
    for (int i = from; i < from + count; ++i)
        producer().send(producer::ProducerRecord{topic, std::nullopt, key, prefix + std::to_string(i), {}});
}

bool ProducerWorld::drain(std::int64_t limit_ms) {
    return world.run_until([this] { return producer().pending() == 0; }, limit_ms);
}

void ProducerWorld::heal_and_settle() {
    world.cluster.faults().inject(engine::HealFault{});
    for (BrokerId b : world.cluster.broker_ids()) world.cluster.broker_node(b).start();
    REQUIRE(world.wait_for_brokers());
    world.run_ms(40000);  // followers catch up and rejoin the ISR
}

check::CheckResult ProducerWorld::lost_acked() {
    return check::check_lost_acked(history, check::snapshot_replicas(world.cluster));
}
check::CheckResult ProducerWorld::duplicates() {
    return check::check_duplicates_in_log(history, check::snapshot_replicas(world.cluster));
}
check::CheckResult ProducerWorld::reordered() {
    return check::check_send_reordered(history, check::snapshot_replicas(world.cluster));
}

std::vector<engine::TraceRecord> ProducerWorld::records(std::string_view kind) const {
    std::vector<engine::TraceRecord> out;
    for (const auto& r : trace->records())
        if (r.kind == kind) out.push_back(r);
    return out;
}

}  // namespace kafkasim::testing
