// The consumer fault sweep (tests/support/consumer_sweep.h): committing after processing, the
// group processes every acknowledged record, skips and reorders none and never sees its
// committed offset move back, whatever single faults hit the brokers or the consumer; the
// faults only make it process some records again.
#include <doctest/doctest.h>

#include "tests/support/consumer_sweep.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

ConsumerSweepResult check_at_least_once(std::uint64_t seed) {
    ConsumerSweepOptions o;
    o.seed = seed;
    const ConsumerSweepResult r = run_consumer_sweep(o);
    INFO("seed " << seed << " faults " << r.faults << " example: " << r.example);
    CHECK(r.faults > 0);
    CHECK(r.acked > 3000);
    CHECK(r.acked_unprocessed == 0);
    CHECK(r.skips == 0);
    CHECK(r.reordered == 0);
    CHECK(r.key_reordered == 0);
    CHECK(r.regressions == 0);
    return r;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a consumer committing after processing stays at-least-once through single faults") {
    std::int64_t restarts = 0;
    for (std::uint64_t seed : {1, 2}) restarts += check_at_least_once(seed).consumer_restarts;
    CHECK(restarts > 0);
}

TEST_CASE("a group of three committing after processing stays at-least-once and exclusive through single faults") {
    for (std::uint64_t seed : {1, 2}) {
        ConsumerSweepOptions o;
        o.seed = seed;
        o.group_members = 3;
        const ConsumerSweepResult r = run_consumer_sweep(o);
        INFO("seed " << seed << " faults " << r.faults << " example: " << r.example);
        CHECK(r.rebalances >= 3);  // one per member at least: broker faults alone do not rebalance
        CHECK(r.acked > 3000);
        CHECK(r.acked_unprocessed == 0);
        CHECK(r.skips == 0);
        CHECK(r.reordered == 0);
        CHECK(r.regressions == 0);
        CHECK(r.exclusivity == 0);
    }
}

TEST_CASE("the consumer sweep gives the same trace for the same seed") {
    ConsumerSweepOptions o;
    o.seed = 3;
    o.faults_until_ms = 30000;
    o.produce_until_ms = 35000;
    o.end_ms = 80000;
    CHECK(run_consumer_sweep(o).trace_hash == run_consumer_sweep(o).trace_hash);
}

}  // TEST_SUITE

TEST_SUITE("sweep") {

TEST_CASE("a group of three committing after processing stays at-least-once and exclusive on 20 seeds") {
    std::int64_t rebalances = 0;
    for (std::uint64_t seed = 10; seed < 30; ++seed) {
        ConsumerSweepOptions o;
        o.seed = seed;
        o.group_members = 3;
        const ConsumerSweepResult r = run_consumer_sweep(o);
        INFO("seed " << seed << " faults " << r.faults << " example: " << r.example);
        CHECK(r.acked_unprocessed == 0);
        CHECK(r.skips == 0);
        CHECK(r.reordered == 0);
        CHECK(r.regressions == 0);
        CHECK(r.exclusivity == 0);
        rebalances += r.rebalances;
    }
    CHECK(rebalances > 60);  // consumer crashes made some
}

TEST_CASE("a group of two processes everything on seeds where a restarted member once joined during an assignment's write") {
    // Issue 29: on these seeds the group hung in CompletingRebalance (the next generation's
    // leader sync was dropped while the previous one's write was in flight; issue 27, item 2).
    for (std::uint64_t seed : {43, 137, 154, 194, 312, 340, 404, 474}) {
        ConsumerSweepOptions o;
        o.seed = seed;
        o.group_members = 2;
        const ConsumerSweepResult r = run_consumer_sweep(o);
        INFO("seed " << seed << " faults " << r.faults << " example: " << r.example);
        CHECK(r.acked > 3000);
        CHECK(r.acked_unprocessed == 0);
        CHECK(r.skips == 0);
        CHECK(r.regressions == 0);
        CHECK(r.exclusivity == 0);
    }
}

TEST_CASE("a consumer committing after processing stays at-least-once on 20 seeds") {
    std::int64_t redeliveries = 0;
    for (std::uint64_t seed = 10; seed < 30; ++seed) redeliveries += check_at_least_once(seed).redeliveries;
    CHECK(redeliveries > 0);
}

}  // TEST_SUITE
