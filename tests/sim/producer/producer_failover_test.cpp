// The producer through faults: a lost answer retried with and without idempotence, leaders
// failing over under five requests in flight, and a producer left with a stale leader.
#include <doctest/doctest.h>

#include "tests/sim/producer/producer_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

struct LostResponseRun {
    std::int64_t duplicates = 0;
    std::int64_t retried = 0;
    std::int64_t acked = 0;
    std::int64_t lost = 0;
};

// The leader appends "lost-0", then its answers stop reaching the producer (a one-way cut),
// so the producer's request times out and it sends the batch again.
LostResponseRun lost_response(producer::Idempotence idempotence) {
    producer::ProducerConfig config;
    config.enable_idempotence = idempotence;
    config.request_timeout = engine::Duration::ms(2000);
    ProducerWorld w(3, config);
    w.create_topic("t", 1);
    const TopicPartition tp{"t", 0};
    w.send("t", "warm-", 0, 10);
    REQUIRE(w.drain());
    const BrokerId leader = w.world.client().leader_of(tp);
    const engine::Node& leader_node = w.world.cluster.broker_node(leader);
    const std::size_t before = w.trace->records().size();
    w.send("t", "lost-", 0, 1);
    REQUIRE(w.world.run_until([&] {
        const auto& rs = w.trace->records();
        for (std::size_t i = before; i < rs.size(); ++i)
            if (rs[i].kind == "broker.append" && rs[i].node_name == leader_node.name()) return true;
        return false;
    }));
    w.world.cluster.faults().inject(
        engine::CutFault{engine::LinkId{leader_node.id(), w.producer_node->id()}, engine::Direction::one_way});
    w.world.run_ms(5000);
    w.world.cluster.faults().inject(engine::HealFault{});
    REQUIRE(w.drain());
    w.world.run_ms(2000);
    return LostResponseRun{w.duplicates().count, w.producer().stats().batches_retried,
                           w.producer().stats().records_acked, w.lost_acked().count};
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("without idempotence a retry after a lost response appends the record twice") {
    const LostResponseRun r = lost_response(producer::Idempotence::disabled);
    CHECK(r.retried > 0);
    CHECK(r.acked == 11);
    CHECK(r.duplicates > 0);
}

TEST_CASE("with idempotence the leader drops the retry of a batch whose response was lost") {
    const LostResponseRun r = lost_response(producer::Idempotence::unset);
    CHECK(r.retried > 0);
    CHECK(r.acked == 11);
    CHECK(r.duplicates == 0);
    CHECK(r.lost == 0);
}

}  // TEST_SUITE

namespace {

struct FailoverRun {
    std::int64_t sent = 0;
    std::int64_t acked = 0;
    std::int64_t retried = 0;
    std::int64_t duplicates = 0;
    std::int64_t reordered = 0;
    std::int64_t lost = 0;
    std::uint64_t hash = 0;
};

// Keyed records to three partitions every 10 ms for 8 s while the leader of t-0 crashes (at
// 1 s, back at 5 s) and the answers of t-1's leader are cut for 2.5 s (from 3 s): batches
// are retried with others in flight behind them.
FailoverRun failover(std::uint64_t seed, std::int32_t max_in_flight,
                     producer::Idempotence idempotence = producer::Idempotence::unset) {
    producer::ProducerConfig config;
    config.enable_idempotence = idempotence;
    config.max_in_flight = max_in_flight;
    config.request_timeout = engine::Duration::ms(2000);
    config.linger = engine::Duration::ms(2);
    ProducerWorld w(seed, config);
    w.create_topic("t", 3);
    auto& cluster = w.world.cluster;
    const engine::NodeId leader0 = cluster.broker_node(w.world.client().leader_of({"t", 0})).id();
    const engine::NodeId leader1 = cluster.broker_node(w.world.client().leader_of({"t", 1})).id();
    for (int step = 0; step < 800; ++step) {
        if (step == 100) cluster.faults().inject(engine::CrashFault{leader0});
        if (step == 300) cluster.faults().inject(engine::CutFault{engine::LinkId{leader1, w.producer_node->id()},
                                                                  engine::Direction::one_way});
        if (step == 500) cluster.faults().inject(engine::RestartFault{leader0});
        if (step == 550) cluster.faults().inject(engine::HealFault{});
        for (int k = 0; k < 3; ++k) w.send("t", "k" + std::to_string(k) + "-", step, 1, "key-" + std::to_string(k));
        w.world.run_ms(10);
    }
    REQUIRE(w.drain());
    w.heal_and_settle();
    const auto& s = w.producer().stats();
    return FailoverRun{s.records_sent, s.records_acked, s.batches_retried, w.duplicates().count,
                       w.reordered().count, w.lost_acked().count, w.sim().trace().hash()};
}

void check_clean(const FailoverRun& r) {
    CHECK(r.retried > 0);  // the faults did force retries
    CHECK(r.acked == r.sent);
    CHECK(r.duplicates == 0);
    CHECK(r.reordered == 0);
    CHECK(r.lost == 0);
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("idempotent retries across a failover keep order and add no duplicates with five in flight") {
    check_clean(failover(11, 5));
}

TEST_CASE("idempotent retries across a failover keep order and add no duplicates with one in flight") {
    check_clean(failover(11, 1));
}

TEST_CASE("without idempotence five requests in flight reorder and duplicate records on retries") {
    const FailoverRun r = failover(11, 5, producer::Idempotence::disabled);
    CHECK(r.acked == r.sent);
    CHECK(r.reordered > 0);
    CHECK(r.duplicates > 0);
    CHECK(r.lost == 0);
}

TEST_CASE("max.in.flight 6 with idempotence left unset turns it off and records reorder") {
    CHECK(failover(11, 6).reordered > 0);
}

TEST_CASE("the same seed gives the same producer trace") {
    const FailoverRun a = failover(12, 5);
    const FailoverRun b = failover(12, 5);
    CHECK(a.hash == b.hash);
    CHECK(a.hash != failover(13, 5).hash);
}

TEST_CASE("a producer left with a stale leader recovers through NOT_LEADER_OR_FOLLOWER") {
    // request.timeout.ms (30 s) outlasts the partition: the requests waiting at the old leader
    // are answered NOT_LEADER_OR_FOLLOWER once it learns of the new leader after the heal.
    producer::ProducerConfig config;
    ProducerWorld w(21, config);
    w.create_topic("t", 1);
    const TopicPartition tp{"t", 0};
    w.send("t", "before-", 0, 20);
    REQUIRE(w.drain());
    const BrokerId old_leader = w.world.client().leader_of(tp);
    // The old leader and the producer on one side; the controller and the other brokers elect
    // a new leader on the other. The producer keeps sending to the old one.
    w.world.cluster.faults().inject(engine::PartitionFault{{{w.world.cluster.broker_node(old_leader).id(), w.producer_node->id()}}});
    for (int i = 0; i < 150; ++i) {
        w.send("t", "during-", i, 1);
        w.world.run_ms(100);
    }
    w.world.cluster.faults().inject(engine::HealFault{});
    REQUIRE(w.drain());
    REQUIRE(w.world.wait_for_leader(tp));
    CHECK(w.world.client().leader_of(tp) != old_leader);
    bool not_leader = false;
    for (const auto& r : w.records("producer.retry"))
        not_leader = not_leader || r.field("error")->string_value == "NOT_LEADER_OR_FOLLOWER";
    CHECK(not_leader);
    CHECK(w.producer().stats().records_acked == 170);
    w.heal_and_settle();
    CHECK(w.lost_acked().count == 0);
    CHECK(w.duplicates().count == 0);
    CHECK(w.reordered().count == 0);
}

TEST_CASE("batches that timed out at a cut-off leader make the idempotent producer bump its epoch and go on") {
    producer::ProducerConfig config;
    config.request_timeout = engine::Duration::ms(1000);
    config.delivery_timeout = engine::Duration::ms(4000);
    ProducerWorld w(22, config);
    w.create_topic("t", 1);
    const TopicPartition tp{"t", 0};
    w.send("t", "before-", 0, 20);
    REQUIRE(w.drain());
    const BrokerId old_leader = w.world.client().leader_of(tp);
    w.world.cluster.faults().inject(engine::PartitionFault{{{w.world.cluster.broker_node(old_leader).id(), w.producer_node->id()}}});
    for (int i = 0; i < 100; ++i) {
        w.send("t", "during-", i, 1);
        w.world.run_ms(100);
    }
    w.world.cluster.faults().inject(engine::HealFault{});
    REQUIRE(w.drain());
    w.send("t", "after-", 0, 20);
    REQUIRE(w.drain());
    CHECK(w.producer().stats().records_failed > 0);  // delivery.timeout.ms passed at the old leader
    CHECK_FALSE(w.records("producer.epoch_bump").empty());
    CHECK(w.producer().producer_epoch().value > 0);
    w.heal_and_settle();
    std::int64_t after_acked = 0;
    for (const auto& a : w.history.acks())
        after_acked += a.value.rfind("after-", 0) == 0 && a.error == Errc::none ? 1 : 0;
    CHECK(after_acked == 20);
    CHECK(w.lost_acked().count == 0);
    CHECK(w.duplicates().count == 0);
    CHECK(w.reordered().count == 0);
}

}  // TEST_SUITE
