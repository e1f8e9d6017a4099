// The producer against a whole cluster: acks, batching by linger.ms and batch.size, sticky
// switching, and the same run for the same seed.
#include <doctest/doctest.h>

#include "sim/producer/murmur2.h"
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

TEST_CASE("a producer configured with the field partitioner places records by a payload field") {
    producer::ProducerConfig config;
    config.partitioner = producer::FieldPartitioner{"customer"};
    ProducerWorld w(2, config);
    w.create_topic("orders", 4);
    for (int i = 0; i < 40; ++i) {
        const std::string customer = "c" + std::to_string(i % 7);
        w.producer().send(producer::ProducerRecord{"orders", std::nullopt, "ignored-key", "v" + std::to_string(i),
                                                   {{"customer", customer}}});
    }
    REQUIRE(w.drain());
    REQUIRE(w.history.sends().size() == 40);
    for (std::size_t i = 0; i < 40; ++i) {
        const std::string customer = "c" + std::to_string(i % 7);
        CHECK(w.history.sends()[i].tp.partition == producer::partition_for_key(customer, 4));
    }
    CHECK(w.producer().stats().records_acked == 40);
}

TEST_CASE("an explicit partition outside the topic fails the record") {
    ProducerWorld w(3, producer_config());
    w.create_topic("orders", 2);
    std::optional<producer::SendResult> result;
    w.producer().send(producer::ProducerRecord{"orders", 5, std::nullopt, "v", {}},
                      [&](const producer::SendResult& r) { result = r; });
    REQUIRE(w.drain());
    REQUIRE(result.has_value());
    CHECK(result->error == Errc::unknown_topic_or_partition);
}

TEST_CASE("a record that fails while waiting for metadata may send again from its callback") {
    // fail_unplaced runs the callback inside the scan of the waiting records: a send from it
    // appends to the queue being scanned, which must not invalidate the scan.
    producer::ProducerConfig config = producer_config();
    config.max_block = engine::Duration::ms(200);
    ProducerWorld w(4, config);
    int failed = 0;
    std::function<void(const producer::SendResult&)> resend = [&](const producer::SendResult& r) {
        if (r.error != Errc::none) ++failed;
        if (failed > 3) return;
        for (int i = 0; i < 600; ++i)
            w.producer().send(producer::ProducerRecord{"missing", std::nullopt, std::nullopt, "again", {}},
                              [&](const producer::SendResult& again) { failed += again.error != Errc::none; });
    };
    for (int i = 0; i < 3; ++i)
        w.producer().send(producer::ProducerRecord{"missing", std::nullopt, std::nullopt, "first", {}}, resend);
    REQUIRE(w.drain());
    CHECK(failed == 3 + 3 * 600);
    CHECK(w.producer().stats().records_failed == 3 + 3 * 600);
}

}  // TEST_SUITE
