// bench/consume_throughput: records per second consumed and committed end to end through a
// whole simulated cluster: 3 brokers with Kafka's __consumer_offsets defaults (50 partitions,
// RF 3), a topic of 6 partitions with replication factor 3 and min.insync.replicas 2, filled
// first with M records of 100 bytes by one idempotent acks=all producer (not timed). Then C
// consumers of one group, the partitions assigned round-robin, read from the earliest offset,
// processing takes no time, and each commits synchronously after every poll
// (at-least-once). The run ends when every record was processed and every partition's
// committed offset reached its end. Reports the rate in simulated time (consumers' start to the
// last commit, and to the last record processed) and in wall time (that loop only).
//   consume_throughput [--seed S] C M
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "bench/bench_args.h"
#include "sim/apps/admin_client.h"
#include "sim/cluster/cluster.h"
#include "sim/consumer/consumer.h"
#include "sim/producer/producer.h"

namespace {

using namespace kafkasim;

constexpr std::int64_t window = 2000;
constexpr std::int32_t partitions = 6;

void fill(cluster::Cluster& c, std::uint64_t m) {
    producer::ProducerConfig config;
    config.bootstrap = c.broker_nodes();
    engine::Node& node = c.add_client("producer-1", [&c, config](engine::Node& n) {
        return std::make_unique<producer::Producer>(n, c.network(), config, nullptr);
    });
    auto& prod = *dynamic_cast<producer::Producer*>(node.process());
    const std::string pad(90, 'x');
    std::uint64_t queued = 0;
    while (prod.stats().records_acked + prod.stats().records_failed < static_cast<std::int64_t>(m)) {
        while (queued < m && prod.pending() < window) {
            prod.send(producer::ProducerRecord{"bench", std::nullopt, std::nullopt, pad + std::to_string(1000000000 + queued), {}});
            ++queued;
        }
        c.sim().run_until(c.sim().now() + engine::Duration::ms(1));
    }
}

}  // namespace

int main(int argc, char** argv) {
    bench::SeedAndCounts a;
    if (!bench::parse_seed_and_counts(argc, argv, a) || a.n < 1 || a.n > partitions || a.m < 1) {
        std::fprintf(stderr, "usage: consume_throughput [--seed S] C M   (1 <= C <= 6 consumers, M records)\n");
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
    fill(c, a.m);

    consumer::ConsumerConfig config;
    config.bootstrap = c.broker_nodes();
    config.group_id = "bench";
    config.auto_offset_reset = consumer::AutoOffsetReset::earliest;
    config.enable_auto_commit = consumer::AutoCommit::disabled;
    std::vector<engine::Node*> nodes;
    for (std::uint64_t i = 0; i < a.n; ++i) {
        consumer::ConsumerWorkload work;
        work.commit = consumer::CommitMode::sync_after_processing;
        for (std::int32_t p = static_cast<std::int32_t>(i); p < partitions; p += static_cast<std::int32_t>(a.n))
            work.assignment.push_back(TopicPartition{"bench", p});
        nodes.push_back(&c.add_client("consumer-" + std::to_string(i + 1), [&c, config, work](engine::Node& n) {
            return std::make_unique<consumer::Consumer>(n, c.network(), config, work, nullptr);
        }));
    }
    auto consumer_of = [](engine::Node* n) { return dynamic_cast<consumer::Consumer*>(n->process()); };
    auto totals = [&](std::int64_t& processed, std::int64_t& committed) {
        processed = committed = 0;
        for (engine::Node* n : nodes) {
            const consumer::Consumer& con = *consumer_of(n);
            processed += con.stats().records_processed;
            for (std::int32_t p = 0; p < partitions; ++p) committed += std::max<std::int64_t>(con.committed({"bench", p}).value, 0);
        }
    };

    const std::uint64_t events_before = c.sim().events_processed();
    const engine::Instant sim_start = c.sim().now();
    engine::Instant all_processed_at = sim_start;
    std::int64_t processed = 0, committed = 0;
    const auto t0 = std::chrono::steady_clock::now();
    const engine::Instant limit = sim_start + engine::Duration::ms(600000);
    while (committed < static_cast<std::int64_t>(a.m) && c.sim().now() < limit) {
        c.sim().run_until(c.sim().now() + engine::Duration::ms(1));
        const std::int64_t before = processed;
        totals(processed, committed);
        if (before < static_cast<std::int64_t>(a.m) && processed >= static_cast<std::int64_t>(a.m)) all_processed_at = c.sim().now();
    }
    const double loop_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double sim_s = static_cast<double>((c.sim().now() - sim_start).count_us()) / 1e6;
    const double processed_s = static_cast<double>((all_processed_at - sim_start).count_us()) / 1e6;
    std::int64_t polls = 0, fetches = 0, commits = 0;
    for (engine::Node* n : nodes) {
        polls += consumer_of(n)->stats().polls;
        fetches += consumer_of(n)->stats().fetch_requests;
        commits += consumer_of(n)->stats().commits_sent;
    }
    const std::uint64_t events = c.sim().events_processed() - events_before;
    std::printf("RESULT bench=consume_throughput C=%llu M=%llu processed=%lld committed=%lld polls=%lld fetch_requests=%lld "
                "commit_requests=%lld events=%llu sim_s=%.3f processed_sim_s=%.3f loop_s=%.3f records_per_sim_s=%.0f "
                "records_per_wall_s=%.0f events_per_wall_s=%.0f trace_hash=%s\n",
                static_cast<unsigned long long>(a.n), static_cast<unsigned long long>(a.m), static_cast<long long>(processed),
                static_cast<long long>(committed), static_cast<long long>(polls), static_cast<long long>(fetches),
                static_cast<long long>(commits), static_cast<unsigned long long>(events), sim_s, processed_s, loop_s,
                sim_s > 0 ? static_cast<double>(committed) / sim_s : 0.0,
                loop_s > 0 ? static_cast<double>(committed) / loop_s : 0.0,
                loop_s > 0 ? static_cast<double>(events) / loop_s : 0.0, c.sim().trace().hash_hex().c_str());
    return committed == static_cast<std::int64_t>(a.m) ? 0 : 1;
}
