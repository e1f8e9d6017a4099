// The ways Kafka loses acknowledged records, each replayed: an unclean election, the two
// anomalies KIP-101 fixed (under replication_truncation legacy_hw, and what leader epochs do
// with the same schedule), and a power loss of every broker with and without flush.messages.
#include <doctest/doctest.h>

#include "sim/check/divergent_replicas.h"
#include "sim/check/lost_acked.h"
#include "tests/support/broker_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

struct Outcome {
    std::int64_t lost = 0;
    std::int64_t divergent = 0;
    std::uint64_t hash = 0;
};

Outcome outcome(BrokerWorld& w, const check::History& history) {
    const check::ReplicaSnapshot snapshot = check::snapshot_replicas(w.cluster);
    return {check::check_lost_acked(history, snapshot).count, check::check_divergent_replicas(snapshot).count,
            w.cluster.sim().trace().hash()};
}

BrokerId other_than(const BrokerWorld& w, BrokerId b) {
    for (BrokerId id : w.cluster.broker_ids())
        if (id != b) return id;
    return no_broker;
}

std::vector<std::string> values_on(const BrokerWorld& w, BrokerId b, const TopicPartition& tp) {
    std::vector<std::string> out;
    for (const auto& [tp_, replicas] : check::snapshot_replicas(w.cluster)) {
        if (tp_ != tp) continue;
        for (const auto& r : replicas)
            if (r.broker == b)
                for (const auto& [offset, value] : r.values) out.push_back(value);
    }
    return out;
}

// RF=3; the followers die, so the ISR shrinks to the leader, which acknowledges five records
// alone (min.insync.replicas=1) and then dies too; the followers come back, then the leader.
Outcome unclean_election(bool unclean, std::uint64_t seed, BrokerId* elected = nullptr) {
    BrokerWorld w(cluster_options(seed));
    check::History history;
    REQUIRE(w.wait_for_brokers());
    REQUIRE(w.create_topic("orders", 1, 3, {{"unclean.leader.election.enable", unclean ? "true" : "false"}}) ==
            Errc::none);
    const TopicPartition tp{"orders", 0};
    REQUIRE(w.wait_for_leader(tp));
    for (const auto& v : numbered("together-", 0, 5)) CHECK(w.produce_recorded(history, tp, v).error == Errc::none);
    const BrokerId leader = w.controller_leader(tp);
    std::vector<BrokerId> followers;
    for (BrokerId id : w.cluster.broker_ids())
        if (id != leader) followers.push_back(id);
    for (BrokerId f : followers) w.cluster.broker_node(f).crash();
    REQUIRE(w.run_until([&] { return w.registration(tp)->isr == std::vector<BrokerId>{leader}; }));
    for (const auto& v : numbered("alone-", 0, 5)) CHECK(w.produce_recorded(history, tp, v).error == Errc::none);
    w.cluster.broker_node(leader).crash();
    for (BrokerId f : followers) w.cluster.broker_node(f).start();
    w.run_ms(30000);
    if (elected != nullptr) *elected = w.controller_leader(tp);
    w.cluster.broker_node(leader).start();
    w.run_ms(30000);
    CHECK(w.registration(tp)->leader_recovery_state == LeaderRecoveryState::recovered);
    return outcome(w, history);
}

// The KIP-101 scenarios' cluster: two brokers under `mode`.
cluster::ClusterOptions two_brokers(ReplicationTruncation mode, std::uint64_t seed) {
    cluster::ClusterOptions options = cluster_options(seed, 2);
    options.replication_truncation = mode;
    return options;
}

// Topic t with RF=2 (min.insync.replicas=1) holding m1, acknowledged by both replicas.
TopicPartition start_with_m1(BrokerWorld& w, check::History& history) {
    REQUIRE(w.wait_for_brokers());
    REQUIRE(w.create_topic("t", 1, 2) == Errc::none);
    const TopicPartition tp{"t", 0};
    REQUIRE(w.wait_for_leader(tp));
    REQUIRE(w.produce_recorded(history, tp, "m1").error == Errc::none);
    return tp;
}

struct Scenario1 {
    Outcome outcome;
    Offset restarted_log_end{-1};  // the follower's log end once it follows again after its bounce
};

// KIP-101 scenario 1. RF=2, min.insync.replicas=1. The follower A holds m2 but has not yet
// heard that the high watermark passed it when it bounces; the leader B dies before A fetches
// again; B comes back later.
Scenario1 kip101_scenario1(ReplicationTruncation mode, std::uint64_t seed) {
    BrokerWorld w(two_brokers(mode, seed));
    check::History history;
    const TopicPartition tp = start_with_m1(w, history);
    w.run_ms(6000);  // both replicas' high watermarks, checkpointed, are 1
    const BrokerId b = w.controller_leader(tp);
    const BrokerId a = other_than(w, b);
    REQUIRE(w.replica(a, tp)->high_watermark() == Offset{1});
    REQUIRE(w.produce_recorded(history, tp, "m2").error == Errc::none);
    REQUIRE(w.replica(a, tp)->log().log_end_offset() == Offset{2});
    REQUIRE(w.replica(a, tp)->high_watermark() == Offset{1});

    Scenario1 out;
    w.cluster.broker_node(a).crash();
    w.run_ms(100);
    w.cluster.broker_node(a).start();
    REQUIRE(w.run_until([&] {
        const broker::Partition* p = w.replica(a, tp);
        return p != nullptr && p->role() == broker::Role::follower;
    }));
    out.restarted_log_end = w.replica(a, tp)->log().log_end_offset();
    w.cluster.broker_node(b).crash();  // before A's first fetch arrives
    w.run_ms(20000);
    w.cluster.broker_node(b).start();
    w.run_ms(30000);
    out.outcome = outcome(w, history);
    return out;
}

struct Scenario2 {
    Outcome outcome;
    std::vector<std::string> on_a;
    std::vector<std::string> on_b;
};

// KIP-101 scenario 2. RF=2. Leader A and follower B hold m1 on disk and m2 in their page
// caches. A's process crashes (its page cache keeps m2); B loses power (m2 is gone) and comes
// back at once; once A is fenced B leads and takes m3 at offset 1; then A comes back.
Scenario2 kip101_scenario2(ReplicationTruncation mode, std::uint64_t seed) {
    BrokerWorld w(two_brokers(mode, seed));
    check::History history;
    const TopicPartition tp = start_with_m1(w, history);
    w.run_ms(35000);  // past the OS write-back: m1 is on every disk
    REQUIRE(w.produce_recorded(history, tp, "m2").error == Errc::none);
    w.run_ms(6000);  // the high watermark checkpoints say 2; m2 is still in page caches only
    const BrokerId a = w.controller_leader(tp);
    const BrokerId b = other_than(w, a);
    REQUIRE(w.replica(b, tp)->high_watermark() == Offset{2});

    w.cluster.broker_node(a).crash();
    w.run_ms(3000);  // B heartbeats once more: A's session lapses first
    w.cluster.faults().inject(engine::PowerLossFault{{w.cluster.broker_node(b).id()}});
    w.run_ms(1000);
    w.cluster.broker_node(b).start();
    REQUIRE(w.run_until([&] { return w.controller_leader(tp) == b; }));
    REQUIRE(w.wait_for_leader(tp));
    REQUIRE(w.produce_recorded(history, tp, "m3").error == Errc::none);
    w.cluster.broker_node(a).start();
    w.run_ms(30000);
    return {outcome(w, history), values_on(w, a, tp), values_on(w, b, tp)};
}

// Every broker loses power at once, `writes` seconds after the last acknowledged record.
Outcome power_loss_of_all(bool flush_each, std::uint64_t seed) {
    BrokerWorld w(cluster_options(seed));
    check::History history;
    REQUIRE(w.wait_for_brokers());
    ConfigOverrides configs{{"min.insync.replicas", "2"}};
    if (flush_each) configs["flush.messages"] = "1";
    REQUIRE(w.create_topic("orders", 1, 3, configs) == Errc::none);
    const TopicPartition tp{"orders", 0};
    REQUIRE(w.wait_for_leader(tp));
    for (const auto& v : numbered("order-", 0, 20)) {
        CHECK(w.produce_recorded(history, tp, v).error == Errc::none);
        w.run_ms(100);
    }
    w.cluster.faults().inject(engine::PowerLossFault{w.cluster.broker_nodes()});
    w.run_ms(2000);
    for (BrokerId id : w.cluster.broker_ids()) w.cluster.broker_node(id).start();
    w.run_ms(60000);
    REQUIRE(w.controller_leader(tp) != no_broker);
    return outcome(w, history);
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("an unclean election after the ISR shrank to a leader that then died loses acknowledged records") {
    BrokerId elected = no_broker;
    const Outcome unclean = unclean_election(true, 3, &elected);
    CHECK(elected != no_broker);  // a follower that was out of sync leads
    CHECK(unclean.lost == 5);     // the records the old leader acknowledged alone
    CHECK(unclean.divergent == 0);  // the old leader truncated to the new one
    CHECK(unclean_election(true, 3).hash == unclean.hash);

    BrokerId none = BrokerId{99};
    const Outcome clean = unclean_election(false, 3, &none);
    CHECK(none == no_broker);  // offline until the last ISR member returns
    CHECK(clean.lost == 0);
}

TEST_CASE("KIP-101 scenario 1 under legacy_hw truncation loses the acknowledged record") {
    const Scenario1 legacy = kip101_scenario1(ReplicationTruncation::legacy_hw, 5);
    CHECK(legacy.restarted_log_end == Offset{1});  // truncated to its high watermark
    CHECK(legacy.outcome.lost == 1);                // m2, acknowledged
    CHECK(kip101_scenario1(ReplicationTruncation::legacy_hw, 5).outcome.hash == legacy.outcome.hash);
}

TEST_CASE("KIP-101 scenario 1 with leader epochs keeps the record") {
    const Scenario1 epochs = kip101_scenario1(ReplicationTruncation::leader_epoch, 5);
    CHECK(epochs.restarted_log_end == Offset{2});  // no truncation to the high watermark
    CHECK(epochs.outcome.lost == 0);
    CHECK(epochs.outcome.divergent == 0);
    CHECK(kip101_scenario1(ReplicationTruncation::leader_epoch, 5).outcome.hash == epochs.outcome.hash);
}

TEST_CASE("KIP-101 scenario 2 under legacy_hw truncation leaves the replicas diverged") {
    const Scenario2 legacy = kip101_scenario2(ReplicationTruncation::legacy_hw, 7);
    CHECK(legacy.outcome.divergent > 0);
    CHECK(legacy.on_a == std::vector<std::string>{"m1", "m2"});
    CHECK(legacy.on_b == std::vector<std::string>{"m1", "m3"});
    CHECK(kip101_scenario2(ReplicationTruncation::legacy_hw, 7).outcome.hash == legacy.outcome.hash);
}

TEST_CASE("KIP-101 scenario 2 with leader epochs makes the replicas converge") {
    const Scenario2 epochs = kip101_scenario2(ReplicationTruncation::leader_epoch, 7);
    CHECK(epochs.outcome.divergent == 0);
    CHECK(epochs.on_a == std::vector<std::string>{"m1", "m3"});  // m2 is lost: both replicas failed
    CHECK(epochs.on_b == std::vector<std::string>{"m1", "m3"});
    CHECK(kip101_scenario2(ReplicationTruncation::leader_epoch, 7).outcome.hash == epochs.outcome.hash);
}

TEST_CASE("a power loss of every broker loses acknowledged records unless flush.messages is 1") {
    const Outcome os_flush = power_loss_of_all(false, 11);
    CHECK(os_flush.lost > 0);
    const Outcome flushed = power_loss_of_all(true, 11);
    CHECK(flushed.lost == 0);
    CHECK(flushed.divergent == 0);
    CHECK(power_loss_of_all(true, 11).hash == flushed.hash);
}

}  // TEST_SUITE
