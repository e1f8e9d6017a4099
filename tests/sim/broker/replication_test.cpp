#include <doctest/doctest.h>

#include "sim/check/divergent_replicas.h"
#include "sim/check/lost_acked.h"
#include "tests/support/broker_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

// Every replica of `tp` on a live broker: its log end and high watermark.
std::vector<std::pair<Offset, Offset>> replica_offsets(BrokerWorld& w, const TopicPartition& tp) {
    std::vector<std::pair<Offset, Offset>> out;
    for (BrokerId id : w.cluster.broker_ids()) {
        const auto* b = w.cluster.broker(id);
        const auto* p = b == nullptr ? nullptr : b->replicas().partition(tp);
        if (p != nullptr) out.emplace_back(p->log().log_end_offset(), p->high_watermark());
    }
    return out;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("followers copy the leader and acks=all waits for the whole ISR") {
    auto run = [](std::uint64_t seed) {
        BrokerWorld w(cluster_options(seed));
        REQUIRE(w.wait_for_brokers());
        REQUIRE(w.create_topic("orders", 1, 3) == Errc::none);
        const TopicPartition tp{"orders", 0};
        REQUIRE(w.wait_for_leader(tp));
        for (int b = 0; b < 5; ++b) CHECK(w.produce(tp, numbered("o", 4 * b, 4)).error == Errc::none);
        w.run_ms(2000);  // one more fetch round carries the high watermark to the followers
        const auto offsets = replica_offsets(w, tp);
        REQUIRE(offsets.size() == 3);
        for (const auto& [leo, hw] : offsets) {
            CHECK(leo == Offset{20});
            CHECK(hw == Offset{20});
        }
        const auto snapshot = check::snapshot_replicas(w.cluster);
        CHECK(check::check_divergent_replicas(snapshot).count == 0);
        return w.cluster.sim().trace().hash();
    };
    CHECK(run(21) == run(21));
}

TEST_CASE("a leader crash elects an in-sync follower and no acknowledged record is lost") {
    auto run = [](std::uint64_t seed) {
        BrokerWorld w(cluster_options(seed));
        check::History history;
        REQUIRE(w.wait_for_brokers());
        REQUIRE(w.create_topic("orders", 1, 3, {{"min.insync.replicas", "2"}}) == Errc::none);
        const TopicPartition tp{"orders", 0};
        REQUIRE(w.wait_for_leader(tp));
        auto produce_all = [&](const std::string& prefix, int count) {
            for (const std::string& v : numbered(prefix, 0, count)) {
                const ProduceResult r = w.produce(tp, {v});
                history.on_ack(check::AckEvent{"client", v, tp, r.error, r.offset, -1, w.cluster.sim().now()});
                CHECK(r.error == Errc::none);
            }
        };
        produce_all("before-", 10);
        const BrokerId old_leader = w.client().leader_of(tp);
        w.cluster.broker_node(old_leader).crash();
        produce_all("after-", 10);  // the client retries until the new leader takes them
        w.cluster.broker_node(old_leader).start();
        w.run_ms(20000);
        const auto snapshot = check::snapshot_replicas(w.cluster);
        CHECK(check::check_lost_acked(history, snapshot).count == 0);
        CHECK(check::check_divergent_replicas(snapshot).count == 0);
        CHECK(w.cluster.controller()->image().partition(tp)->leader != old_leader);
        return w.cluster.sim().trace().hash();
    };
    CHECK(run(8) == run(8));
}

TEST_CASE("acks=all is refused with NOT_ENOUGH_REPLICAS while the ISR is below min.insync.replicas") {
    TestClientConfig client;
    client.delivery_timeout = engine::Duration::ms(3000);
    BrokerWorld w(cluster_options(4, 2), client);
    REQUIRE(w.wait_for_brokers());
    REQUIRE(w.create_topic("payments", 1, 2, {{"min.insync.replicas", "2"}}) == Errc::none);
    const TopicPartition tp{"payments", 0};
    REQUIRE(w.wait_for_leader(tp));
    CHECK(w.produce(tp, {"first"}).error == Errc::none);
    const BrokerId leader = w.client().leader_of(tp);
    const BrokerId follower{leader.value == 1 ? 2 : 1};
    w.cluster.broker_node(follower).crash();
    // The controller fences the follower and shrinks the ISR to the leader alone.
    CHECK(w.run_until([&] { return w.cluster.controller()->image().partition(tp)->isr.size() == 1; }));
    w.run_ms(1000);
    const ProduceResult r = w.produce(tp, {"second"});
    CHECK(r.error == Errc::not_enough_replicas);
    CHECK(r.attempts > 1);  // retriable: the client kept trying until its delivery timeout
}

TEST_CASE("min.insync.replicas above the replication factor asks for every replica - not for more than exist") {
    // Kafka 3.7+: effectiveMinIsr = min(min.insync.replicas, replicas), for the check before
    // appending, the check after it and the high watermark alike.
    TestClientConfig client;
    client.delivery_timeout = engine::Duration::ms(3000);
    BrokerWorld w(cluster_options(4, 2), client);
    REQUIRE(w.wait_for_brokers());
    REQUIRE(w.create_topic("payments", 1, 2, {{"min.insync.replicas", "3"}}) == Errc::none);
    const TopicPartition tp{"payments", 0};
    REQUIRE(w.wait_for_leader(tp));
    const ProduceResult r = w.produce(tp, {"first"});
    CHECK(r.error == Errc::none);
    CHECK(r.attempts == 1);
    // With a replica gone the ISR is below both: the write is refused again.
    const BrokerId leader = w.client().leader_of(tp);
    w.cluster.broker_node(BrokerId{leader.value == 1 ? 2 : 1}).crash();
    CHECK(w.run_until([&] { return w.registration(tp)->isr.size() == 1; }));
    w.run_ms(1000);
    CHECK(w.produce(tp, {"second"}).error == Errc::not_enough_replicas);
}

}  // TEST_SUITE

TEST_SUITE("quick") {

TEST_CASE("the leader answers OffsetsForLeaderEpoch from its leader-epoch cache") {
    BrokerWorld w(cluster_options(12));
    REQUIRE(w.wait_for_brokers());
    REQUIRE(w.create_topic("orders", 1, 3) == Errc::none);
    const TopicPartition tp{"orders", 0};
    REQUIRE(w.wait_for_leader(tp));
    CHECK(w.produce(tp, numbered("a", 0, 3)).error == Errc::none);  // epoch 0: offsets 0..2
    w.run_ms(2000);
    const BrokerId first = w.client().leader_of(tp);
    w.cluster.broker_node(first).crash();
    CHECK(w.produce(tp, numbered("b", 0, 2)).error == Errc::none);  // epoch 1 on the new leader
    const BrokerId second = w.client().leader_of(tp);
    REQUIRE(second != first);
    auto ask = [&](std::int32_t epoch) {
        std::optional<OffsetsForLeaderEpochResponse> got;
        OffsetsForLeaderEpochRequest request{no_broker, {{tp, LeaderEpoch{-1}, LeaderEpoch{epoch}}}};
        w.client().call(w.cluster.broker_node(second).id(), request, [&got](rpc::RpcResult r) {
            if (r.ok()) got = std::get<OffsetsForLeaderEpochResponse>(r.body);
        });
        w.run_until([&] { return got.has_value(); });
        REQUIRE(got.has_value());
        return got->partitions.at(0);
    };
    const auto e0 = ask(0);
    CHECK(e0.error == Errc::none);
    CHECK(e0.leader_epoch == LeaderEpoch{0});
    CHECK(e0.end_offset == Offset{3});  // where epoch 0 ended: epoch 1 starts there
    const auto e1 = ask(1);
    CHECK(e1.leader_epoch == LeaderEpoch{1});
    CHECK(e1.end_offset == Offset{5});  // the latest epoch ends at the log end
}

}  // TEST_SUITE
