// ListOffsets on a leader (issue 27, item 10): a new leader's high watermark was a follower's,
// one fetch round behind, and catches up only as its followers fetch. Until it reaches the
// start of the leader's epoch, LATEST is OFFSET_NOT_AVAILABLE (Kafka's
// Partition.fetchOffsetForTimestamp), so a consumer resetting to "latest" never starts below
// records that were acknowledged before it asked. The request's leader epoch is checked as a
// fetch's is (KIP-320).
#include <doctest/doctest.h>

#include "tests/support/broker_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

ListOffsetsResponse::Partition list_latest(BrokerWorld& w, BrokerId broker, const TopicPartition& tp,
                                           LeaderEpoch current = LeaderEpoch{-1}) {
    std::optional<ListOffsetsResponse> got;
    ListOffsetsRequest request;
    request.partitions.push_back({tp, ListOffsetsRequest::latest, current});
    w.client().call(w.cluster.broker_node(broker).id(), request, [&got](rpc::RpcResult r) {
        if (r.ok()) got = std::get<ListOffsetsResponse>(r.body);
    });
    REQUIRE(w.run_until([&] { return got.has_value(); }));
    REQUIRE(got->partitions.size() == 1);
    return got->partitions.front();
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a new leader answers ListOffsets LATEST with OFFSET_NOT_AVAILABLE until its high watermark reaches its epoch start") {
    BrokerWorld w(cluster_options(3, 3));
    REQUIRE(w.wait_for_brokers());
    REQUIRE(w.create_topic("orders", 1, 3) == Errc::none);
    const TopicPartition tp{"orders", 0};
    REQUIRE(w.wait_for_leader(tp));
    REQUIRE(w.produce(tp, numbered("a", 0, 5)).error == Errc::none);
    w.run_ms(2000);  // every replica's high watermark is 5
    const BrokerId old_leader = w.client().leader_of(tp);
    std::vector<BrokerId> followers;
    for (BrokerId b : w.cluster.broker_ids())
        if (b != old_leader) followers.push_back(b);
    REQUIRE(followers.size() == 2);
    // Acknowledged, but the followers hear of the high watermark only with their next fetch
    // answer: the leader dies first.
    REQUIRE(w.produce(tp, numbered("b", 0, 5)).error == Errc::none);
    w.cluster.broker_node(old_leader).crash();
    // The two followers cannot reach each other: whichever leads, its follower cannot fetch.
    w.cluster.faults().inject(engine::CutFault{
        {w.cluster.broker_node(followers[0]).id(), w.cluster.broker_node(followers[1]).id()}, engine::Direction::both_ways});
    REQUIRE(w.run_until([&] {
        const BrokerId l = w.controller_leader(tp);
        return l != no_broker && l != old_leader && w.replica(l, tp) != nullptr && w.replica(l, tp)->is_leader();
    }));
    const BrokerId leader = w.controller_leader(tp);
    const broker::Partition& p = *w.replica(leader, tp);
    REQUIRE(p.log().log_end_offset() == Offset{10});
    REQUIRE(p.high_watermark() < Offset{10});  // the premise: a follower's high watermark, behind
    const auto lagging = list_latest(w, leader, tp);
    CHECK(lagging.error == Errc::offset_not_available);
    CHECK(lagging.offset == Offset{-1});
    // Its follower fetches again: the high watermark passes the epoch start, LATEST is served.
    w.cluster.faults().inject(engine::HealFault{});
    REQUIRE(w.run_until([&] { return p.high_watermark() >= Offset{10}; }));
    const auto served = list_latest(w, leader, tp, p.leader_epoch());
    CHECK(served.error == Errc::none);
    CHECK(served.offset == Offset{10});
    CHECK(served.leader_epoch == p.leader_epoch());
    // An older epoch than the leader's is fenced, a newer one unknown (KIP-320).
    CHECK(list_latest(w, leader, tp, LeaderEpoch{p.leader_epoch().value - 1}).error == Errc::fenced_leader_epoch);
    CHECK(list_latest(w, leader, tp, LeaderEpoch{p.leader_epoch().value + 1}).error == Errc::unknown_leader_epoch);
}

}  // TEST_SUITE
