// The producer against a whole cluster: acks, batching by linger.ms and batch.size, sticky
// switching, and the same run for the same seed.
#include <doctest/doctest.h>

#include "tests/sim/producer/producer_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

TEST_SUITE("quick") {

TEST_CASE("an idempotent producer gets a producer id and every record acknowledged in order") {
    ProducerWorld w(1, producer_config());
    w.create_topic("orders", 3);
    w.send("orders", "k-a-", 0, 50, "a");
    w.send("orders", "k-b-", 0, 50, "b");
    w.send("orders", "null-", 0, 50);
    REQUIRE(w.drain());
    CHECK(w.producer().idempotence() == producer::IdempotenceMode::on);
    CHECK(w.producer().producer_id().value >= 0);
    CHECK(w.producer().stats().records_acked == 150);
    CHECK(w.producer().stats().records_failed == 0);
    CHECK(w.records("producer.init_producer_id").size() == 1);
    w.world.run_ms(2000);
    CHECK(w.lost_acked().count == 0);
    CHECK(w.duplicates().count == 0);
    CHECK(w.reordered().count == 0);
    CHECK(w.history.acks().size() == 150);
}

}  // TEST_SUITE
