// bench/million_records (issue 19's benchmark): M records (default 1 000 000) with 16-byte keys
// and 100-byte values go through a whole simulated cluster at once: 3 brokers, a topic of 6
// partitions with replication factor 3 and min.insync.replicas 2, one idempotent acks=all
// producer, and a consumer group of 3 (subscribe(); the range assignor gives each member 2
// partitions once the group forms) that process in the loop and commit synchronously after
// every poll. Produce, replication, consumption and commits overlap. The run ends when every
// record is committed.
// Reports wall time, events and events/s, simulated time, peak RSS (getrusage) and the records
// each member processed.
//   million_records [--seed S] [M]
#include <sys/resource.h>

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

constexpr std::int32_t partitions = 6;
constexpr std::int64_t window = 5000;  // records the producer may have outstanding

// Writes `n` right-aligned into the `width` bytes at `at`, filled on the left with '0' (n must
// fit). The record strings are built in place, one allocation each: the bench should time the
// cluster, not its own string concatenation.
void put_fixed(char* at, std::uint64_t n, std::size_t width) {
    for (std::size_t i = width; i-- > 0; n /= 10) at[i] = static_cast<char>('0' + n % 10);
}

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t seed = 1;
    std::uint64_t m = 1'000'000;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--seed" && i + 1 < argc && bench::parse_u64(argv[i + 1], seed)) ++i;
        else if (!bench::parse_u64(argv[i], m) || m == 0) {
            std::fprintf(stderr, "usage: million_records [--seed S] [M]\n");
            return 2;
        }
    }
    const auto t0 = std::chrono::steady_clock::now();
    cluster::ClusterOptions options;
    options.seed = seed;
    cluster::Cluster c(options);
    engine::Node& admin_node = c.add_client("admin", [&c](engine::Node& n) {
        return std::make_unique<apps::AdminClient>(n, c.network(), c.broker_nodes(), c.controller_node().id(), 3);
    });
    dynamic_cast<apps::AdminClient*>(admin_node.process())
        ->submit(CreateTopicsRequest{"bench", partitions, 3, {}, {{"min.insync.replicas", "2"}}});

    producer::ProducerConfig pconfig;
    pconfig.bootstrap = c.broker_nodes();
    engine::Node& pnode = c.add_client("producer-1", [&c, pconfig](engine::Node& n) {
        return std::make_unique<producer::Producer>(n, c.network(), pconfig, nullptr);
    });
    auto& prod = *dynamic_cast<producer::Producer*>(pnode.process());

    consumer::ConsumerConfig cconfig;
    cconfig.bootstrap = c.broker_nodes();
    cconfig.group_id = "bench";
    cconfig.auto_offset_reset = consumer::AutoOffsetReset::earliest;
    cconfig.enable_auto_commit = consumer::AutoCommit::disabled;
    std::vector<engine::Node*> consumers;
    for (std::int32_t i = 0; i < 3; ++i) {
        consumer::ConsumerWorkload work;
        work.commit = consumer::CommitMode::sync_after_processing;
        work.subscription = {"bench"};
        consumers.push_back(&c.add_client("consumer-" + std::to_string(i + 1), [&c, cconfig, work](engine::Node& n) {
            return std::make_unique<consumer::Consumer>(n, c.network(), cconfig, work, nullptr);
        }));
    }
    // Per partition, the furthest commit any member knows of (a member knows only its own
    // partitions' commits, and a partition may change hands while the group forms).
    const auto committed_total = [&] {
        std::int64_t total = 0;
        for (std::int32_t p = 0; p < partitions; ++p) {
            std::int64_t furthest = 0;
            for (engine::Node* n : consumers)
                furthest = std::max(furthest, dynamic_cast<consumer::Consumer*>(n->process())->committed({"bench", p}).value);
            total += furthest;
        }
        return total;
    };

    std::uint64_t queued = 0;
    const engine::Instant limit = engine::Instant::from_ms(3'600'000);
    std::int64_t committed = 0;
    while (committed < static_cast<std::int64_t>(m) && c.sim().now() < limit) {
        while (queued < m && prod.pending() < window) {
            // 16-byte keys (a key per partition's worth of spread) and 100-byte unique values:
            // "key-" and 12 digits, 90 'v's and 10 digits.
            std::string key = "key-000000000000";
            put_fixed(key.data() + 4, queued % 1000, 12);
            std::string value(100, 'v');
            put_fixed(value.data() + 90, queued, 10);
            prod.send(producer::ProducerRecord{"bench", std::nullopt, std::move(key), std::move(value), {}});
            ++queued;
        }
        c.sim().run_until(c.sim().now() + engine::Duration::ms(1));
        committed = committed_total();
    }
    const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const std::uint64_t events = c.sim().events_processed();
    std::string processed;  // per member: every member of the group did its share
    for (engine::Node* n : consumers)
        processed += (processed.empty() ? "" : ",") +
                     std::to_string(dynamic_cast<consumer::Consumer*>(n->process())->stats().records_processed);
    std::printf("RESULT bench=million_records M=%llu acked=%lld committed=%lld events=%llu sim_s=%.3f wall_s=%.3f "
                "events_per_wall_s=%.0f records_per_wall_s=%.0f peak_rss_mb=%.1f processed_per_member=%s trace_hash=%s\n",
                static_cast<unsigned long long>(m), static_cast<long long>(prod.stats().records_acked),
                static_cast<long long>(committed), static_cast<unsigned long long>(events), c.sim().now().us() / 1e6,
                wall_s, static_cast<double>(events) / wall_s, static_cast<double>(committed) / wall_s,
                static_cast<double>(usage.ru_maxrss) / 1024.0, processed.c_str(), c.sim().trace().hash_hex().c_str());
    return committed == static_cast<std::int64_t>(m) ? 0 : 1;
}
