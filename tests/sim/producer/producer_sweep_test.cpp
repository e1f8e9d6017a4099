// The producer fault sweep (tests/support/producer_sweep.h): with idempotence, every record is
// acknowledged once and in order whatever single-broker faults come; without it, the same
// faults duplicate and reorder records (the lesson).
#include <doctest/doctest.h>

#include "tests/support/producer_sweep.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

void check_idempotent(std::uint64_t seed) {
    ProducerSweepOptions o;
    o.seed = seed;
    const ProducerSweepResult r = run_producer_sweep(o);
    INFO("seed " << seed << " faults " << r.faults << " example: " << r.example);
    CHECK(r.faults > 0);
    CHECK(r.acked == r.sent);
    CHECK(r.lost_acked == 0);
    CHECK(r.duplicates == 0);
    CHECK(r.reordered == 0);
    CHECK(r.divergent_replicas == 0);
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("an idempotent producer through single-broker faults loses duplicates and reorders nothing") {
    for (std::uint64_t seed : {1, 2}) check_idempotent(seed);
}

TEST_CASE("the producer sweep gives the same trace for the same seed") {
    ProducerSweepOptions o;
    o.seed = 3;
    o.faults_until_ms = 30000;
    o.produce_until_ms = 35000;
    o.end_ms = 80000;
    CHECK(run_producer_sweep(o).trace_hash == run_producer_sweep(o).trace_hash);
}

}  // TEST_SUITE

TEST_SUITE("sweep") {

TEST_CASE("an idempotent producer stays exactly-once and in order on 30 seeds") {
    for (std::uint64_t seed = 10; seed < 40; ++seed) check_idempotent(seed);
}

TEST_CASE("without idempotence the same faults duplicate and reorder records on some seeds") {
    std::int64_t duplicates = 0;
    std::int64_t reordered = 0;
    for (std::uint64_t seed = 10; seed < 20; ++seed) {
        ProducerSweepOptions o;
        o.seed = seed;
        o.idempotence = producer::Idempotence::disabled;
        const ProducerSweepResult r = run_producer_sweep(o);
        duplicates += r.duplicates;
        reordered += r.reordered;
        CHECK(r.lost_acked == 0);  // acks=all still loses nothing
    }
    CHECK(duplicates > 0);
    CHECK(reordered > 0);
}

}  // TEST_SUITE
