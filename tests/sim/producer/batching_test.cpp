// Batching in a running producer: linger.ms, batch.size, and the sticky partitioner's switch.
#include <doctest/doctest.h>

#include <set>

#include "tests/sim/producer/producer_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

std::vector<engine::TraceRecord> since(const ProducerWorld& w, std::string_view kind, engine::Instant t) {
    std::vector<engine::TraceRecord> out;
    for (const auto& r : w.records(kind))
        if (r.time >= t) out.push_back(r);
    return out;
}

void send_to(ProducerWorld& w, std::int32_t partition, const std::string& value) {
    w.producer().send(producer::ProducerRecord{"t", partition, std::nullopt, value, {}});
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a batch waits linger.ms for more records before it is sent") {
    producer::ProducerConfig config;
    config.linger = engine::Duration::ms(200);
    ProducerWorld w(31, config);
    w.create_topic("t", 1);
    send_to(w, 0, "warm-up");  // the producer id and the topic's metadata are in
    REQUIRE(w.drain());
    const engine::Instant t0 = w.sim().now();
    for (int i = 0; i < 3; ++i) send_to(w, 0, "v" + std::to_string(i));
    w.world.run_ms(150);
    CHECK(since(w, "producer.produce", t0).empty());
    w.world.run_ms(100);
    const auto sent = since(w, "producer.produce", t0);
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].field("records")->int_value == 3);
    CHECK(sent[0].time.us() - t0.us() == 200000);
}

TEST_CASE("a batch closes at batch.size bytes and goes without waiting for linger.ms") {
    producer::ProducerConfig config;
    config.linger = engine::Duration::ms(1000);
    config.batch_size = 1000;
    ProducerWorld w(32, config);
    w.create_topic("t", 1);
    send_to(w, 0, "warm-up");
    REQUIRE(w.drain());
    const engine::Instant t0 = w.sim().now();
    const std::string pad(60, 'x');
    for (int i = 0; i < 40; ++i) send_to(w, 0, pad + std::to_string(100 + i));
    w.world.run_ms(100);
    const auto early = since(w, "producer.produce", t0);
    CHECK(early.size() >= 2);  // the full batches went at once
    std::int64_t early_records = 0;
    for (const auto& r : early) {
        // 61 header bytes + 13 records of 71 bytes fit in 1000; a 14th does not.
        CHECK(r.field("records")->int_value == 13);
        early_records += r.field("records")->int_value;
    }
    CHECK(early_records < 40);  // the last, partial batch lingers
    REQUIRE(w.drain(3000));
    CHECK(w.producer().stats().records_acked == 41);
}

TEST_CASE("null-key records stick to one partition for batch.size bytes then switch") {
    producer::ProducerConfig config;
    config.batch_size = 1000;
    ProducerWorld w(33, config);
    w.create_topic("t", 3);
    const std::string pad(60, 'x');
    for (int i = 0; i < 300; ++i) w.producer().send(producer::ProducerRecord{"t", std::nullopt, std::nullopt, pad + std::to_string(1000 + i), {}});
    REQUIRE(w.drain());
    const auto& sends = w.history.sends();
    REQUIRE(sends.size() == 300);
    // Each record adds 73 bytes (a 71-byte body and its 2-byte length): the first 14 reach
    // 1022 >= 1000, so the switch comes after them (to a partition drawn at random, which may
    // be the same one again).
    for (int i = 1; i < 14; ++i) CHECK(sends[static_cast<std::size_t>(i)].tp == sends[0].tp);
    std::set<std::int32_t> used;
    for (const auto& s : sends) used.insert(s.tp.partition);
    CHECK(used.size() == 3);
}

}  // TEST_SUITE
