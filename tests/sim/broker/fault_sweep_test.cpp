#include <doctest/doctest.h>

#include "tests/support/fault_sweep.h"

using namespace kafkasim::testing;

namespace {

void check_safe(std::uint64_t seed) {
    SweepOptions o;
    o.seed = seed;
    const SweepResult r = run_replication_sweep(o);
    INFO("seed " << seed << " faults " << r.faults << " first loss: " << r.first_loss);
    CHECK(r.acked_after_first_fault >= 100);
    CHECK(r.lost_acked == 0);
    CHECK(r.divergent_replicas == 0);
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("replication survives one fault at a time with acks=all and min.insync.replicas=2") {
    check_safe(1);
    SweepOptions o;
    o.seed = 1;
    CHECK(run_replication_sweep(o).trace_hash == run_replication_sweep(o).trace_hash);
}

}  // TEST_SUITE

TEST_SUITE("sweep") {

TEST_CASE("replication survives one fault at a time over 200 seeds") {
    for (std::uint64_t seed = 1; seed <= 200; ++seed) check_safe(seed);
}

TEST_CASE("with acks=1 a leader failure loses acknowledged records in some seed") {
    std::int64_t lost = 0;
    for (std::uint64_t seed = 1; seed <= 100 && lost == 0; ++seed) {
        SweepOptions o;
        o.seed = seed;
        o.acks = 1;
        lost += run_replication_sweep(o).lost_acked;
    }
    CHECK(lost > 0);
}

}  // TEST_SUITE
