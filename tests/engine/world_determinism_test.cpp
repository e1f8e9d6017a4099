#include <doctest/doctest.h>

#include <set>
#include <string>

#include "engine/trace_sinks.h"
#include "tests/support/world_workload.h"

using namespace kafkasim::testing;

TEST_SUITE("quick") {

TEST_CASE("a random world workload with every fault replays its hash and another seed differs") {
    WorldWorkloadOptions o;
    o.seed = 3;
    auto sink = std::make_shared<kafkasim::engine::MemoryTraceSink>();
    o.sink = sink;
    const auto a = run_world_workload(o);
    o.sink = nullptr;
    const auto b = run_world_workload(o);
    std::set<std::string> kinds;
    for (const auto& r : sink->records()) kinds.insert(r.kind);
    for (const char* k : {"node.crash", "node.power_loss", "node.start", "node.pause", "net.cut", "net.partition",
                          "net.isolate", "net.clog", "net.heal", "net.break", "disk.power_loss", "disk.slow",
                          "disk.capacity", "disk.full"}) {
        CAPTURE(k);
        CHECK(kinds.contains(k));
    }
    CHECK(a.trace_hash == b.trace_hash);
    CHECK(a.events == b.events);
    CHECK(a.records == b.records);
    CHECK(a.delivered > 1000);
    CHECK(a.lost > 0);
    CHECK(a.faults > 30);
    o.seed = 4;
    CHECK(run_world_workload(o).trace_hash != a.trace_hash);
}

}  // TEST_SUITE

TEST_SUITE("sweep") {

TEST_CASE("random world workloads over 50 seeds replay and differ from each other") {
    std::set<std::uint64_t> hashes;
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
        CAPTURE(seed);
        WorldWorkloadOptions o;
        o.seed = seed;
        o.nodes = 8;
        o.duration_ms = 5000;
        const auto first = run_world_workload(o);
        const auto again = run_world_workload(o);
        CHECK(first.trace_hash == again.trace_hash);
        CHECK(first.events == again.events);
        hashes.insert(first.trace_hash);
    }
    CHECK(hashes.size() == 50);
}

}  // TEST_SUITE
