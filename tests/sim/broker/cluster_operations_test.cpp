// A cluster at work while it changes: a partition moved onto a new broker under load,
// preferred leaders coming back, the controller down for a while, a paused leader, a slow disk.
#include <doctest/doctest.h>

#include "sim/check/divergent_replicas.h"
#include "sim/check/lost_acked.h"
#include "tests/support/broker_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

std::int64_t lost(BrokerWorld& w, const check::History& history) {
    return check::check_lost_acked(history, check::snapshot_replicas(w.cluster)).count;
}

std::int64_t divergent(BrokerWorld& w) {
    return check::check_divergent_replicas(check::snapshot_replicas(w.cluster)).count;
}

// Reads `tp` from its leader from offset 0 and returns every value, in order.
std::vector<std::string> read_all(BrokerWorld& w, const TopicPartition& tp) {
    std::vector<std::string> out;
    Offset next{0};
    for (int i = 0; i < 1000; ++i) {
        const FetchResult f = w.fetch(tp, next);
        if (f.error != Errc::none || f.batches.empty()) break;
        for (const auto& v : values_of(f.batches)) out.push_back(v);
        next = f.batches.back().next_offset();
    }
    return out;
}

bool all_preferred(const BrokerWorld& w, const std::string& topic, std::int32_t partitions) {
    for (std::int32_t i = 0; i < partitions; ++i) {
        const metadata::PartitionRegistration* p = w.registration(TopicPartition{topic, i});
        if (p == nullptr || !p->has_preferred_leader()) return false;
    }
    return true;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a partition moves onto a new broker under load with nothing lost") {
    auto run = [](std::uint64_t seed) {
        BrokerWorld w(cluster_options(seed));
        check::History history;
        REQUIRE(w.wait_for_brokers());
        REQUIRE(w.create_topic("orders", 1, 3, {{"min.insync.replicas", "2"}}) == Errc::none);
        const TopicPartition tp{"orders", 0};
        REQUIRE(w.wait_for_leader(tp));
        for (const auto& v : numbered("before-", 0, 20)) REQUIRE(w.produce_recorded(history, tp, v).error == Errc::none);

        // The cluster grows; the leader's replica moves to the new broker.
        const BrokerId added = w.cluster.add_broker();
        REQUIRE(w.wait_for_brokers());
        const BrokerId old_leader = w.controller_leader(tp);
        std::vector<BrokerId> target{added};
        for (BrokerId b : w.registration(tp)->replicas)
            if (b != old_leader) target.push_back(b);
        std::optional<Errc> answer;
        w.client().call(w.cluster.controller_node().id(),
                        AlterPartitionReassignmentsRequest{{{tp, target}}}, [&answer](rpc::RpcResult r) {
                            const auto* a = r.ok() ? std::get_if<AlterPartitionReassignmentsResponse>(&r.body) : nullptr;
                            answer = a != nullptr ? a->partitions.at(0).error : r.transport;
                        });
        bool saw_reassigning = false;
        int sent = 0;
        while (sent < 200 && (!answer || w.registration(tp)->reassigning() || sent < 40)) {
            saw_reassigning = saw_reassigning || w.registration(tp)->reassigning();
            CHECK(w.produce_recorded(history, tp, "during-" + std::to_string(sent++)).error == Errc::none);
            w.run_ms(50);
        }
        REQUIRE(answer == Errc::none);
        CHECK(saw_reassigning);
        const metadata::PartitionRegistration& done = *w.registration(tp);
        CHECK_FALSE(done.reassigning());
        CHECK(done.replicas == target);
        CHECK(done.leader == added);  // the first target replica leads once it is in sync
        for (const auto& v : numbered("after-", 0, 10)) CHECK(w.produce_recorded(history, tp, v).error == Errc::none);
        w.run_ms(5000);
        // The old leader no longer holds the partition, not even on disk.
        CHECK(w.replica(old_leader, tp) == nullptr);
        for (const std::string& f : w.cluster.disk(w.cluster.broker_node(old_leader).id()).disk().list_now())
            CHECK(f.rfind("orders-0/", 0) != 0);
        CHECK(lost(w, history) == 0);
        CHECK(divergent(w) == 0);
        const std::vector<std::string> read = read_all(w, tp);
        CHECK(read.size() == static_cast<std::size_t>(20 + sent + 10));
        CHECK(read.front() == "before-0");
        CHECK(read.back() == "after-9");
        return w.cluster.sim().trace().hash();
    };
    CHECK(run(13) == run(13));
}

TEST_CASE("preferred leaders return after a restart when auto.leader.rebalance.enable is on") {
    auto run = [](bool rebalance) {
        cluster::ClusterOptions options = cluster_options(17);
        options.controller.auto_leader_rebalance_enable = rebalance;
        options.controller.leader_imbalance_check_interval = engine::Duration::ms(10000);
        BrokerWorld w(options);
        REQUIRE(w.wait_for_brokers());
        REQUIRE(w.create_topic("orders", 3, 3) == Errc::none);
        REQUIRE(w.wait_for_leader(TopicPartition{"orders", 0}));
        CHECK(all_preferred(w, "orders", 3));
        const BrokerId victim = w.controller_leader(TopicPartition{"orders", 0});
        w.cluster.broker_node(victim).crash();
        w.run_ms(15000);
        CHECK_FALSE(all_preferred(w, "orders", 3));
        w.cluster.broker_node(victim).start();
        // Back in every ISR, then the next balancing round moves leadership back.
        w.run_ms(40000);
        for (std::int32_t i = 0; i < 3; ++i) CHECK(w.registration(TopicPartition{"orders", i})->isr.size() == 3);
        return all_preferred(w, "orders", 3);
    };
    CHECK(run(true));
    CHECK_FALSE(run(false));
}

TEST_CASE("brokers keep serving produce and fetch while the controller is down") {
    auto run = [](std::uint64_t seed) {
        BrokerWorld w(cluster_options(seed));
        check::History history;
        REQUIRE(w.wait_for_brokers());
        REQUIRE(w.create_topic("orders", 2, 3) == Errc::none);
        const TopicPartition tp{"orders", 0};
        const TopicPartition tp1{"orders", 1};
        REQUIRE(w.wait_for_leader(tp));
        REQUIRE(w.wait_for_leader(tp1));
        w.cluster.controller_node().crash();
        // 20 s without a controller, past every broker's session timeout.
        for (int i = 0; i < 40; ++i) {
            CHECK(w.produce_recorded(history, i % 2 == 0 ? tp : tp1, "while-down-" + std::to_string(i)).error ==
                  Errc::none);
            w.run_ms(500);
        }
        CHECK(read_all(w, tp).size() == 20);
        CHECK(read_all(w, tp1).size() == 20);
        w.cluster.controller_node().start();
        w.run_ms(20000);
        // The restarted controller gave every broker a fresh session: nobody was fenced.
        for (BrokerId id : w.cluster.broker_ids()) CHECK_FALSE(w.cluster.controller()->image().broker(id)->fenced);
        CHECK(w.produce_recorded(history, tp, "after").error == Errc::none);
        CHECK(lost(w, history) == 0);
        return w.cluster.sim().trace().hash();
    };
    CHECK(run(19) == run(19));
}

TEST_CASE("a paused leader loses its leadership and rejoins as a follower without losing acks") {
    auto run = [](std::uint64_t seed) {
        BrokerWorld w(cluster_options(seed));
        check::History history;
        REQUIRE(w.wait_for_brokers());
        REQUIRE(w.create_topic("orders", 1, 3, {{"min.insync.replicas", "2"}}) == Errc::none);
        const TopicPartition tp{"orders", 0};
        REQUIRE(w.wait_for_leader(tp));
        for (const auto& v : numbered("before-", 0, 10)) CHECK(w.produce_recorded(history, tp, v).error == Errc::none);
        const BrokerId paused = w.controller_leader(tp);
        w.cluster.broker_node(paused).pause(engine::Duration::ms(15000));  // a long GC, past the session timeout
        for (const auto& v : numbered("during-", 0, 10)) CHECK(w.produce_recorded(history, tp, v).error == Errc::none);
        CHECK(w.controller_leader(tp) != paused);
        w.run_ms(40000);
        const broker::Partition* p = w.replica(paused, tp);
        REQUIRE(p != nullptr);
        CHECK(p->role() == broker::Role::follower);
        CHECK(w.registration(tp)->in_isr(paused));
        CHECK(lost(w, history) == 0);
        CHECK(divergent(w) == 0);
        return w.cluster.sim().trace().hash();
    };
    CHECK(run(23) == run(23));
}

TEST_CASE("a slow disk on the leader slows acks=all when every append is flushed") {
    auto produce_time_ms = [](std::uint32_t factor) {
        BrokerWorld w(cluster_options(29));
        REQUIRE(w.wait_for_brokers());
        REQUIRE(w.create_topic("orders", 1, 3, {{"flush.messages", "1"}}) == Errc::none);
        const TopicPartition tp{"orders", 0};
        REQUIRE(w.wait_for_leader(tp));
        REQUIRE(w.produce(tp, {"warm-up"}).error == Errc::none);
        const engine::NodeId leader = w.cluster.broker_node(w.controller_leader(tp)).id();
        w.cluster.faults().inject(engine::SlowDiskFault{leader, factor});
        const engine::Instant start = w.cluster.sim().now();
        for (const auto& v : numbered("slow-", 0, 10)) REQUIRE(w.produce(tp, {v}).error == Errc::none);
        return (w.cluster.sim().now() - start).count_ms();
    };
    const std::int64_t normal = produce_time_ms(1);
    const std::int64_t slow = produce_time_ms(20);
    CHECK(slow > 5 * normal);
}

}  // TEST_SUITE
