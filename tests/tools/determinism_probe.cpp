// Prints "seed trace_hash events" for seeds 1..N of the random engine workload and of the
// world workload (network, disks and every fault), and for a few seeds of the replication
// fault sweep (a whole Kafka cluster under faults), of the producer fault sweep and of the
// consumer fault sweep, alone and as a group, then of each scenario file named after the seed
// count (the whole stack: loader, runner, checkers and metrics). CI runs it from a Debug and a
// Release build and requires identical output.
//   determinism_probe [SEEDS] [SCENARIO.json...]   (SEEDS 0: only the scenarios)
#include <cstdio>
#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "engine/trace.h"
#include "scenarios/loader/scenario_loader.h"
#include "scenarios/runner/scenario_run.h"
#include "tests/support/consumer_sweep.h"
#include "tests/support/fault_sweep.h"
#include "tests/support/producer_sweep.h"
#include "tests/support/random_workload.h"
#include "tests/support/world_workload.h"

namespace {

// Cluster runs are longer than the engine workloads: a shorter schedule keeps the Debug build quick.
template <class Options>
Options short_run(long seed, std::int64_t faults_until_ms, std::int64_t produce_until_ms) {
    Options o;
    o.seed = static_cast<std::uint64_t>(seed);
    o.faults_until_ms = faults_until_ms;
    o.produce_until_ms = produce_until_ms;
    o.end_ms = 80000;
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    const long seeds = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 20;
    if (seeds < 0) {
        std::fprintf(stderr, "usage: determinism_probe [SEEDS>=0] [SCENARIO.json...]\n");
        return 2;
    }
    for (long s = 1; s <= seeds; ++s) {
        kafkasim::testing::RandomWorkloadOptions o;
        o.seed = static_cast<std::uint64_t>(s);
        const auto r = kafkasim::testing::run_random_workload(o);
        std::printf("workload seed=%ld trace_hash=%s events=%llu\n", s,
                    kafkasim::engine::hex16(r.trace_hash).c_str(),
                    static_cast<unsigned long long>(r.events));
    }
    for (long s = 1; s <= seeds; ++s) {
        kafkasim::testing::WorldWorkloadOptions o;
        o.seed = static_cast<std::uint64_t>(s);
        const auto r = kafkasim::testing::run_world_workload(o);
        std::printf("world seed=%ld trace_hash=%s events=%llu\n", s,
                    kafkasim::engine::hex16(r.trace_hash).c_str(),
                    static_cast<unsigned long long>(r.events));
    }
    // A few seeds of whole clusters under faults.
    for (long s = 1; s <= std::min(seeds, 3L); ++s) {
        auto o = short_run<kafkasim::testing::SweepOptions>(s, 40000, 60000);
        const auto r = kafkasim::testing::run_replication_sweep(o);
        std::printf("cluster seed=%ld trace_hash=%s lost_acked=%lld divergent=%lld\n", s,
                    kafkasim::engine::hex16(r.trace_hash).c_str(), static_cast<long long>(r.lost_acked),
                    static_cast<long long>(r.divergent_replicas));
    }
    // The same under the failover lessons' settings: legacy truncation and unclean elections.
    for (long s = 1; s <= std::min(seeds, 2L); ++s) {
        auto o = short_run<kafkasim::testing::SweepOptions>(s, 40000, 60000);
        o.truncation = kafkasim::ReplicationTruncation::legacy_hw;
        o.unclean_leader_election = true;
        const auto r = kafkasim::testing::run_replication_sweep(o);
        std::printf("legacy cluster seed=%ld trace_hash=%s lost_acked=%lld divergent=%lld\n", s,
                    kafkasim::engine::hex16(r.trace_hash).c_str(), static_cast<long long>(r.lost_acked),
                    static_cast<long long>(r.divergent_replicas));
    }
    // Idempotent producers under faults.
    for (long s = 1; s <= std::min(seeds, 2L); ++s) {
        auto o = short_run<kafkasim::testing::ProducerSweepOptions>(s, 30000, 35000);
        const auto r = kafkasim::testing::run_producer_sweep(o);
        std::printf("producer seed=%ld trace_hash=%s acked=%lld duplicates=%lld reordered=%lld\n", s,
                    kafkasim::engine::hex16(r.trace_hash).c_str(), static_cast<long long>(r.acked),
                    static_cast<long long>(r.duplicates), static_cast<long long>(r.reordered));
    }
    // A consumer committing through __consumer_offsets under faults.
    for (long s = 1; s <= std::min(seeds, 2L); ++s) {
        auto o = short_run<kafkasim::testing::ConsumerSweepOptions>(s, 30000, 35000);
        const auto r = kafkasim::testing::run_consumer_sweep(o);
        std::printf("consumer seed=%ld trace_hash=%s acked=%lld redeliveries=%lld skips=%lld\n", s,
                    kafkasim::engine::hex16(r.trace_hash).c_str(), static_cast<long long>(r.acked),
                    static_cast<long long>(r.redeliveries), static_cast<long long>(r.skips));
    }
    // A group of three consumers rebalancing under the same faults.
    for (long s = 1; s <= std::min(seeds, 2L); ++s) {
        auto o = short_run<kafkasim::testing::ConsumerSweepOptions>(s, 30000, 35000);
        o.group_members = 3;
        const auto r = kafkasim::testing::run_consumer_sweep(o);
        std::printf("group seed=%ld trace_hash=%s acked=%lld rebalances=%lld exclusivity=%lld\n", s,
                    kafkasim::engine::hex16(r.trace_hash).c_str(), static_cast<long long>(r.acked),
                    static_cast<long long>(r.rebalances), static_cast<long long>(r.exclusivity));
    }
    for (int i = 2; i < argc; ++i) {
        const auto loaded = kafkasim::scenarios::load_scenario_file(argv[i]);
        if (!loaded.spec) {
            for (const auto& e : loaded.errors) std::fprintf(stderr, "%s\n", e.c_str());
            return 2;
        }
        const auto r = kafkasim::scenarios::run_scenario(*loaded.spec);
        std::printf("scenario %s trace_hash=%s events=%llu\n", r.scenario.c_str(),
                    kafkasim::engine::hex16(r.trace_hash).c_str(), static_cast<unsigned long long>(r.events));
    }
    return 0;
}
