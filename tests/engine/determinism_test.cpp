#include <doctest/doctest.h>

#include <set>

#include "tests/support/random_workload.h"

using namespace kafkasim::testing;

TEST_SUITE("quick") {

TEST_CASE("a random engine workload gives one hash per seed and another for another seed") {
    RandomWorkloadOptions o;
    o.seed = 11;
    const auto a = run_random_workload(o);
    const auto b = run_random_workload(o);
    CHECK(a.trace_hash == b.trace_hash);
    CHECK(a.events == b.events);
    CHECK(a.events > 1000);
    o.seed = 12;
    const auto c = run_random_workload(o);
    CHECK(c.trace_hash != a.trace_hash);
}

}  // TEST_SUITE

TEST_SUITE("sweep") {

TEST_CASE("random engine workloads over 50 seeds replay and differ from each other") {
    std::set<std::uint64_t> hashes;
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
        RandomWorkloadOptions o;
        o.seed = seed;
        o.nodes = 12;
        o.duration_ms = 5000;
        const auto first = run_random_workload(o);
        const auto again = run_random_workload(o);
        CHECK(first.trace_hash == again.trace_hash);
        hashes.insert(first.trace_hash);
    }
    CHECK(hashes.size() == 50);
}

}  // TEST_SUITE
