// bench/produce_throughput: records per second produced end to end through a whole simulated
// cluster: 3 brokers, a topic of 6 partitions with replication factor 3 and
// min.insync.replicas 2, P idempotent producers with acks=all and Kafka's defaults, null keys
// (the sticky partitioner), 100-byte values. Each producer keeps up to 2000 records unacknowledged;
// the run ends when M records in all were acknowledged. Reports the rate in simulated time
// (first send to last ack) and in wall time (the run loop only, topic creation excluded).
//   produce_throughput [--seed S] P M
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "bench/bench_args.h"
#include "sim/apps/admin_client.h"
#include "sim/cluster/cluster.h"
#include "sim/producer/producer.h"

namespace {

using namespace kafkasim;

constexpr std::int64_t window = 2000;
constexpr std::int32_t partitions = 6;

}  // namespace

int main(int argc, char** argv) {
    bench::SeedAndCounts a;
    if (!bench::parse_seed_and_counts(argc, argv, a) || a.n < 1 || a.m < 1) {
        std::fprintf(stderr, "usage: produce_throughput [--seed S] P M   (P >= 1 producers, M records)\n");
        return 2;
    }
    cluster::ClusterOptions options;
    options.seed = a.seed;
    cluster::Cluster c(options);
    engine::Node& admin_node = c.add_client("admin", [&c](engine::Node& n) {
        return std::make_unique<apps::AdminClient>(n, c.network(), c.broker_nodes(), c.controller_node().id(), 3);
    });
    auto& admin = *dynamic_cast<apps::AdminClient*>(admin_node.process());
    admin.submit(CreateTopicsRequest{"bench", partitions, 3, {}, {{"min.insync.replicas", "2"}}});
    while (!admin.idle()) c.sim().step();
    c.sim().run_until(c.sim().now() + engine::Duration::ms(1000));  // leaders elected

    producer::ProducerConfig config;
    config.bootstrap = c.broker_nodes();
    std::vector<engine::Node*> nodes;
    for (std::uint64_t p = 0; p < a.n; ++p)
        nodes.push_back(&c.add_client("producer-" + std::to_string(p + 1), [&c, config](engine::Node& n) {
            return std::make_unique<producer::Producer>(n, c.network(), config, nullptr);
        }));
    auto producer_of = [](engine::Node* n) { return dynamic_cast<producer::Producer*>(n->process()); };

    const std::uint64_t events_before = c.sim().events_processed();
    const engine::Instant sim_start = c.sim().now();
    const std::string pad(90, 'x');
    std::uint64_t queued = 0, acked = 0, failed = 0;
    const auto t0 = std::chrono::steady_clock::now();
    while (acked + failed < a.m) {
        acked = failed = 0;
        for (std::size_t p = 0; p < nodes.size(); ++p) {
            producer::Producer& prod = *producer_of(nodes[p]);
            while (queued < a.m && prod.pending() < window) {
                prod.send(producer::ProducerRecord{"bench", std::nullopt, std::nullopt,
                                                   pad + std::to_string(1000000000 + queued), {}});
                ++queued;
            }
            acked += static_cast<std::uint64_t>(prod.stats().records_acked);
            failed += static_cast<std::uint64_t>(prod.stats().records_failed);
        }
        if (acked + failed < a.m) c.sim().run_until(c.sim().now() + engine::Duration::ms(1));
    }
    const double loop_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double sim_s = static_cast<double>((c.sim().now() - sim_start).count_us()) / 1e6;
    std::int64_t requests = 0;
    for (engine::Node* n : nodes) requests += producer_of(n)->stats().produce_requests;
    std::printf("RESULT bench=produce_throughput P=%llu M=%llu acked=%llu failed=%llu produce_requests=%lld "
                "events=%llu sim_s=%.3f loop_s=%.3f records_per_sim_s=%.0f records_per_wall_s=%.0f "
                "events_per_wall_s=%.0f trace_hash=%s\n",
                static_cast<unsigned long long>(a.n), static_cast<unsigned long long>(a.m),
                static_cast<unsigned long long>(acked), static_cast<unsigned long long>(failed),
                static_cast<long long>(requests),
                static_cast<unsigned long long>(c.sim().events_processed() - events_before), sim_s, loop_s,
                sim_s > 0 ? static_cast<double>(acked) / sim_s : 0.0, loop_s > 0 ? static_cast<double>(acked) / loop_s : 0.0,
                loop_s > 0 ? static_cast<double>(c.sim().events_processed() - events_before) / loop_s : 0.0,
                c.sim().trace().hash_hex().c_str());
    return failed == 0 ? 0 : 1;
}
