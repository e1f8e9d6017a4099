// What a leader learns from a follower's fetch (issue 27, item 1): only a fetch the leader can
// serve says where the follower's log ends. A fetch that diverges, is out of range or carries a
// wrong leader epoch says nothing of the kind, so it must not count the follower as caught up,
// move the high watermark or bring it into the ISR (Kafka's Partition.fetchRecords updates the
// follower's state only after a read without a diverging epoch, and a read that throws never
// reaches updateFollowerFetchState).
//
// Each case cuts the real follower's fetches off until the leader drops it from the ISR, then
// sends one fetch in the follower's name from the test client and watches what the leader does.
#include <doctest/doctest.h>

#include "tests/support/broker_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

struct OutOfIsr {
    BrokerWorld w;
    TopicPartition tp{"orders", 0};
    BrokerId leader = no_broker;
    BrokerId follower = no_broker;

    static cluster::ClusterOptions options(ReplicationTruncation mode) {
        cluster::ClusterOptions o = cluster_options(5, 2);
        o.broker.replica_lag_time_max = engine::Duration::ms(4000);
        o.replication_truncation = mode;
        return o;
    }

    explicit OutOfIsr(ReplicationTruncation mode = ReplicationTruncation::leader_epoch) : w(options(mode)) {
        REQUIRE(w.wait_for_brokers());
        REQUIRE(w.create_topic("orders", 1, 2) == Errc::none);
        REQUIRE(w.wait_for_leader(tp));
        REQUIRE(w.produce(tp, numbered("a", 0, 5)).error == Errc::none);
        leader = w.client().leader_of(tp);
        follower = BrokerId{leader.value == 1 ? 2 : 1};
        const engine::LinkId fetches{w.cluster.broker_node(follower).id(), w.cluster.broker_node(leader).id()};
        w.cluster.faults().inject(engine::CutFault{fetches, engine::Direction::one_way});
        // Acknowledged once the leader has dropped the silent follower (offsets 5..7).
        REQUIRE(w.produce(tp, numbered("b", 0, 3)).error == Errc::none);
        REQUIRE(w.registration(tp)->isr.size() == 1);
        REQUIRE(leader_replica().log().log_end_offset() == Offset{8});
    }

    const broker::Partition& leader_replica() const { return *w.replica(leader, tp); }

    // One fetch in the follower's name; the answer for the partition.
    FetchResponse::Partition fetch_as_follower(Offset fetch_offset, LeaderEpoch current, LeaderEpoch last_fetched) {
        FetchRequest request;
        request.replica_id = follower;
        request.replica_epoch = w.cluster.controller()->image().broker(follower)->epoch;
        request.max_wait = engine::Duration::zero();
        request.partitions.push_back({tp, fetch_offset, current, last_fetched, 1048576});
        std::optional<FetchResponse> got;
        w.client().call(w.cluster.broker_node(leader).id(), request, [&got](rpc::RpcResult r) {
            if (r.ok()) got = std::get<FetchResponse>(r.body);
        });
        REQUIRE(w.run_until([&] { return got.has_value(); }));
        REQUIRE(got->partitions.size() == 1);
        return got->partitions.front();
    }

    // After a while: did the leader take the follower back, or think it caught up?
    void check_not_counted() {
        w.run_ms(3000);
        CHECK(w.registration(tp)->isr.size() == 1);
        const broker::FollowerState& state = leader_replica().followers().at(follower);
        CHECK(state.log_end_offset < Offset{8});
        CHECK_FALSE(state.caught_up(Offset{8}, w.cluster.sim().now(), engine::Duration::ms(4000)));
    }
};

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a follower fetch the leader can serve brings the follower back into the ISR") {
    OutOfIsr c;
    const LeaderEpoch epoch = c.leader_replica().leader_epoch();
    const auto got = c.fetch_as_follower(Offset{8}, epoch, epoch);
    CHECK(got.error == Errc::none);
    CHECK_FALSE(got.diverging_epoch.has_value());
    CHECK(c.w.run_until([&] { return c.w.registration(c.tp)->isr.size() == 2; }, 3000));
}

TEST_CASE("a follower fetch with a diverging epoch does not count the follower as caught up") {
    OutOfIsr c;
    const LeaderEpoch epoch = c.leader_replica().leader_epoch();
    // A log that ends past the leader's in the same epoch: it diverged (the follower once led).
    const auto got = c.fetch_as_follower(Offset{40}, epoch, epoch);
    CHECK(got.error == Errc::none);
    REQUIRE(got.diverging_epoch.has_value());
    CHECK(got.diverging_epoch->end_offset == Offset{8});
    c.check_not_counted();
}

TEST_CASE("a follower fetch past the leader's log end is out of range and does not count the follower as caught up") {
    OutOfIsr c;
    const LeaderEpoch epoch = c.leader_replica().leader_epoch();
    const auto got = c.fetch_as_follower(Offset{40}, epoch, LeaderEpoch{-1});
    CHECK(got.error == Errc::offset_out_of_range);
    c.check_not_counted();
}

TEST_CASE("under legacy_hw a follower fetch past the leader's log end does not count the follower as caught up") {
    OutOfIsr c(ReplicationTruncation::legacy_hw);
    const LeaderEpoch epoch = c.leader_replica().leader_epoch();
    const auto got = c.fetch_as_follower(Offset{40}, epoch, LeaderEpoch{-1});
    CHECK(got.error == Errc::offset_out_of_range);
    c.check_not_counted();
}

TEST_CASE("a follower fetch with a newer leader epoch than the leader's does not count the follower as caught up") {
    OutOfIsr c;
    const LeaderEpoch epoch = c.leader_replica().leader_epoch();
    const auto got = c.fetch_as_follower(Offset{8}, LeaderEpoch{epoch.value + 1}, epoch);
    CHECK(got.error == Errc::unknown_leader_epoch);
    c.check_not_counted();
}

}  // TEST_SUITE
