#include <doctest/doctest.h>

#include "tests/support/broker_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

// Produces 3 batches to each of 3 single-replica partitions, reads them back, and reads past
// the end. Returns the run's trace hash.
std::uint64_t produce_and_fetch(std::uint64_t seed) {
    BrokerWorld w(cluster_options(seed));
    REQUIRE(w.wait_for_brokers());
    REQUIRE(w.create_topic("orders", 3, 1) == Errc::none);
    for (int p = 0; p < 3; ++p) {
        const TopicPartition tp{"orders", p};
        REQUIRE(w.wait_for_leader(tp));
        for (int b = 0; b < 3; ++b) {
            const ProduceResult r = w.produce(tp, numbered("p" + std::to_string(p) + "-", 2 * b, 2));
            CHECK(r.error == Errc::none);
            CHECK(r.offset == Offset{2 * b});
        }
        const FetchResult f = w.fetch(tp, Offset{0});
        CHECK(f.error == Errc::none);
        CHECK(f.high_watermark == Offset{6});
        CHECK(values_of(f.batches) == numbered("p" + std::to_string(p) + "-", 0, 6));
        const FetchResult from_middle = w.fetch(tp, Offset{3});
        REQUIRE_FALSE(from_middle.batches.empty());
        CHECK(from_middle.batches.front().base_offset == Offset{2});  // the whole batch holding offset 3
        CHECK(w.fetch(tp, Offset{7}).error == Errc::offset_out_of_range);
    }
    CHECK(w.create_topic("orders", 1, 1) == Errc::topic_already_exists);
    return w.cluster.sim().trace().hash();
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a single-replica topic takes records and serves them back by offset") {
    CHECK(produce_and_fetch(7) == produce_and_fetch(7));
}

TEST_CASE("a client with stale metadata gets NOT_LEADER_OR_FOLLOWER and recovers after a refresh") {
    auto run = [](std::uint64_t seed) {
        BrokerWorld w(cluster_options(seed));
        REQUIRE(w.wait_for_brokers());
        REQUIRE(w.create_topic("payments", 1, 2) == Errc::none);
        const TopicPartition tp{"payments", 0};
        REQUIRE(w.wait_for_leader(tp));
        const BrokerId old_leader = w.client().leader_of(tp);
        const std::uint64_t refreshes_before = w.client().metadata_refreshes();
        // The leader crashes; the controller fences it and elects the other replica. The old
        // leader comes back as a follower while the client still names it as leader.
        w.cluster.broker_node(old_leader).crash();
        CHECK(w.run_until([&] {
            const auto* p = w.cluster.controller()->image().partition(tp);
            return p->leader != old_leader && p->leader != no_broker;
        }));
        w.cluster.broker_node(old_leader).start();
        CHECK(w.wait_for_brokers());
        CHECK(w.client().leader_of(tp) == old_leader);
        const ProduceResult r = w.produce(tp, {"a", "b"});
        CHECK(r.error == Errc::none);
        CHECK(r.attempts == 2);
        CHECK(w.client().metadata_refreshes() > refreshes_before);
        CHECK(w.client().leader_of(tp) != old_leader);
        return w.cluster.sim().trace().hash();
    };
    CHECK(run(3) == run(3));
}

TEST_CASE("a broker restarts from its files after a crash with every record") {
    auto run = [](std::uint64_t seed) {
        BrokerWorld w(cluster_options(seed, 1));
        REQUIRE(w.wait_for_brokers());
        REQUIRE(w.create_topic("events", 1, 1) == Errc::none);
        const TopicPartition tp{"events", 0};
        REQUIRE(w.wait_for_leader(tp));
        for (int b = 0; b < 4; ++b) CHECK(w.produce(tp, numbered("e", 5 * b, 5)).error == Errc::none);
        w.cluster.broker_node(BrokerId{1}).crash();
        w.run_ms(100);
        w.cluster.broker_node(BrokerId{1}).start();
        REQUIRE(w.wait_for_leader(tp));
        const FetchResult f = w.fetch(tp, Offset{0});
        CHECK(f.error == Errc::none);
        CHECK(values_of(f.batches) == numbered("e", 0, 20));
        return w.cluster.sim().trace().hash();
    };
    CHECK(run(11) == run(11));
}

TEST_CASE("after a power loss a broker keeps what was written back and loses its unsynced tail") {
    auto run = [](std::uint64_t seed, ConfigOverrides configs) {
        BrokerWorld w(cluster_options(seed, 1));
        REQUIRE(w.wait_for_brokers());
        REQUIRE(w.create_topic("events", 1, 1, configs) == Errc::none);
        const TopicPartition tp{"events", 0};
        REQUIRE(w.wait_for_leader(tp));
        CHECK(w.produce(tp, numbered("old", 0, 10)).error == Errc::none);
        w.run_ms(40000);  // past writeback_ms: the OS has written these back
        CHECK(w.produce(tp, numbered("new", 0, 5)).error == Errc::none);
        w.cluster.faults().inject(engine::PowerLossFault{{w.cluster.broker_node(BrokerId{1}).id()}, engine::TornTail::off});
        w.run_ms(100);
        w.cluster.broker_node(BrokerId{1}).start();
        REQUIRE(w.wait_for_leader(tp));
        const FetchResult f = w.fetch(tp, Offset{0});
        CHECK(f.error == Errc::none);
        return std::make_pair(values_of(f.batches), w.cluster.sim().trace().hash());
    };
    const auto by_os = run(5, {});
    CHECK(by_os.first == numbered("old", 0, 10));
    CHECK(run(5, {}).second == by_os.second);
    std::vector<std::string> all = numbered("old", 0, 10);
    for (const auto& v : numbered("new", 0, 5)) all.push_back(v);
    CHECK(run(5, {{"flush.messages", "1"}}).first == all);
}

}  // TEST_SUITE

TEST_SUITE("quick") {

TEST_CASE("a broker added to a running cluster registers and takes replicas of new topics") {
    BrokerWorld w(cluster_options(9, 2));
    REQUIRE(w.wait_for_brokers());
    CHECK(w.create_topic("wide", 1, 3) == Errc::invalid_replication_factor);
    const BrokerId added = w.cluster.add_broker();
    CHECK(added == BrokerId{3});
    REQUIRE(w.wait_for_brokers());
    REQUIRE(w.create_topic("wide", 2, 3) == Errc::none);
    const TopicPartition tp{"wide", 1};
    REQUIRE(w.wait_for_leader(tp));
    CHECK(w.produce(tp, {"x"}).error == Errc::none);
    CHECK(w.run_until([&] {
        const auto* b = w.cluster.broker(added);
        const auto* p = b == nullptr ? nullptr : b->replicas().partition(tp);
        return p != nullptr && p->log().log_end_offset() == Offset{1};
    }));
}

}  // TEST_SUITE
