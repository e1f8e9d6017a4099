// The group coordinator's membership side driven by hand over the network: two members join
// and sync through the broker, commits are checked against the generation, and a coordinator
// failover hands the stable group to the next leader, which loads it from __consumer_offsets
// and keeps it Stable in the same generation, without a rebalance. A member's commits keep its
// session alive as heartbeats do.
#include <doctest/doctest.h>

#include "sim/broker/broker.h"
#include "sim/coordinator/offsets_topic.h"
#include "tests/sim/consumer/consumer_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

struct Caller {
    ConsumerWorld& w;
    TestClient& client;

    // Sends `body` to `dest` and runs until its answer; asserts the transport worked.
    template <class Response>
    Response call(engine::NodeId dest, RequestBody body) {
        std::optional<rpc::RpcResult> result;
        client.call(dest, std::move(body), [&result](rpc::RpcResult r) { result = std::move(r); });
        REQUIRE(w.world.run_until([&] { return result.has_value(); }, 60000));
        REQUIRE(result->ok());
        return std::get<Response>(result->body);
    }
    engine::NodeId find() {
        for (int attempt = 0; attempt < 200; ++attempt) {
            for (engine::NodeId b : w.world.cluster.broker_nodes()) {
                if (w.sim().node(b).state() != engine::NodeState::running) continue;
                std::optional<rpc::RpcResult> r;
                client.call(b, FindCoordinatorRequest{"g"}, [&r](rpc::RpcResult x) { r = std::move(x); });
                w.world.run_until([&] { return r.has_value(); }, 10000);
                if (r && r->ok() && std::get<FindCoordinatorResponse>(r->body).error == Errc::none)
                    return std::get<FindCoordinatorResponse>(r->body).node;
                break;
            }
            w.world.run_ms(100);
        }
        FAIL("no coordinator");
        return engine::NodeId::none();
    }
};

JoinGroupRequest join_request(const std::string& member) {
    JoinGroupRequest r;
    r.group_id = "g";
    r.member_id = member;
    r.protocols = {"range"};
    r.subscription.topics = {"t"};
    r.client_id = "consumer-g-1";
    return r;
}

OffsetCommitRequest commit_of(const std::string& member, GenerationId generation) {
    return OffsetCommitRequest{"g", generation, member, {{TopicPartition{"t", 0}, Offset{5}, LeaderEpoch{-1}, ""}}, std::nullopt};
}

const coordinator::ClassicGroup* group_on(ConsumerWorld& w, engine::NodeId node) {
    const auto* b = dynamic_cast<const broker::Broker*>(w.sim().node(node).process());
    return b == nullptr ? nullptr : b->group_coordinator().group("g");
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("members join and sync through the coordinator - and a failover keeps the stable group") {
    ConsumerWorld w(61);
    Caller c{w, w.world.client()};
    const engine::NodeId coord = c.find();

    // One member: MEMBER_ID_REQUIRED, then the join waits group.initial.rebalance.delay.ms.
    JoinGroupResponse first;
    for (int i = 0; i < 100; ++i) {  // the named leader may not have loaded its partition yet
        first = c.call<JoinGroupResponse>(coord, join_request(""));
        if (first.error != Errc::not_coordinator && first.error != Errc::coordinator_load_in_progress) break;
        w.world.run_ms(100);
    }
    REQUIRE(first.error == Errc::member_id_required);
    CHECK(first.member_id.rfind("consumer-g-1-", 0) == 0);
    const engine::Instant asked = w.sim().now();
    const auto joined = c.call<JoinGroupResponse>(coord, join_request(first.member_id));
    REQUIRE(joined.error == Errc::none);
    CHECK(w.sim().now() - asked >= engine::Duration::ms(3000));
    CHECK(joined.generation == GenerationId{1});
    CHECK(joined.leader == joined.member_id);
    REQUIRE(joined.members.size() == 1);

    const std::string me = joined.member_id;
    CHECK(c.call<OffsetCommitResponse>(coord, commit_of(me, GenerationId{1})).partitions.at(0).error ==
          Errc::rebalance_in_progress);
    SyncGroupRequest sync{"g", GenerationId{1}, me, std::nullopt, "range", {{me, {TopicPartition{"t", 0}}}}};
    const auto synced = c.call<SyncGroupResponse>(coord, sync);
    REQUIRE(synced.error == Errc::none);
    CHECK(synced.assignment == std::vector<TopicPartition>{{"t", 0}});
    CHECK(c.call<OffsetCommitResponse>(coord, commit_of(me, GenerationId{1})).partitions.at(0).error == Errc::none);
    CHECK(c.call<OffsetCommitResponse>(coord, commit_of(me, GenerationId{0})).partitions.at(0).error ==
          Errc::illegal_generation);
    CHECK(c.call<OffsetCommitResponse>(coord, commit_of("", no_generation)).partitions.at(0).error ==
          Errc::unknown_member_id);
    CHECK(c.call<HeartbeatResponse>(coord, HeartbeatRequest{"g", GenerationId{1}, me, std::nullopt}).error == Errc::none);
    w.world.run_ms(2000);  // the group record reaches every replica

    // The coordinator crashes; the next leader of the group's partition loads the group.
    const std::size_t rebalances = w.records("group.rebalance").size();
    w.world.cluster.faults().inject(engine::CrashFault{coord});
    engine::NodeId next = engine::NodeId::none();
    for (int i = 0; i < 100 && (next == engine::NodeId::none() || next == coord); ++i) {
        w.world.run_ms(1000);
        next = c.find();
    }
    REQUIRE(next != coord);
    REQUIRE(w.world.run_until([&] { return group_on(w, next) != nullptr; }, 30000));
    CHECK(group_on(w, next)->state() == coordinator::GroupState::stable);
    CHECK(group_on(w, next)->generation() == GenerationId{1});
    CHECK(c.call<HeartbeatResponse>(next, HeartbeatRequest{"g", GenerationId{1}, me, std::nullopt}).error == Errc::none);
    CHECK(c.call<OffsetCommitResponse>(next, commit_of(me, GenerationId{1})).partitions.at(0).error == Errc::none);
    CHECK(w.records("group.rebalance").size() == rebalances);

    // The member leaves: the group empties into generation 2 and takes standalone commits again.
    const auto left = c.call<LeaveGroupResponse>(next, LeaveGroupRequest{"g", {{me, std::nullopt}}});
    CHECK(left.members.at(0).error == Errc::none);
    CHECK(group_on(w, next)->state() == coordinator::GroupState::empty);
    CHECK(group_on(w, next)->generation() == GenerationId{2});
    CHECK(c.call<OffsetCommitResponse>(next, commit_of("", no_generation)).partitions.at(0).error == Errc::none);
}

TEST_CASE("a member that commits but sends no heartbeat keeps its session (a commit counts as a heartbeat)") {
    ConsumerWorld w(62);
    Caller c{w, w.world.client()};
    const engine::NodeId coord = c.find();
    JoinGroupResponse first;
    for (int i = 0; i < 100; ++i) {
        first = c.call<JoinGroupResponse>(coord, join_request(""));
        if (first.error != Errc::not_coordinator && first.error != Errc::coordinator_load_in_progress) break;
        w.world.run_ms(100);
    }
    REQUIRE(first.error == Errc::member_id_required);
    JoinGroupRequest join = join_request(first.member_id);
    join.session_timeout = engine::Duration::ms(10000);
    const auto joined = c.call<JoinGroupResponse>(coord, join);
    REQUIRE(joined.error == Errc::none);
    const std::string me = joined.member_id;
    SyncGroupRequest sync{"g", GenerationId{1}, me, std::nullopt, "range", {{me, {TopicPartition{"t", 0}}}}};
    REQUIRE(c.call<SyncGroupResponse>(coord, sync).error == Errc::none);
    // Three sessions long, a commit every 4 s and not one heartbeat (doCommitOffsets calls
    // completeAndScheduleNextHeartbeatExpiration).
    for (int i = 0; i < 8; ++i) {
        w.world.run_ms(4000);
        CHECK(c.call<OffsetCommitResponse>(coord, commit_of(me, GenerationId{1})).partitions.at(0).error == Errc::none);
    }
    REQUIRE(group_on(w, coord) != nullptr);
    CHECK(group_on(w, coord)->state() == coordinator::GroupState::stable);
    CHECK(group_on(w, coord)->member_ids() == std::vector<std::string>{me});
    CHECK(c.call<HeartbeatResponse>(coord, HeartbeatRequest{"g", GenerationId{1}, me, std::nullopt}).error == Errc::none);
    // Without commits either, the session runs out.
    w.world.run_ms(11000);
    CHECK(group_on(w, coord)->state() == coordinator::GroupState::empty);
}

TEST_CASE("an assignment whose write times out answers the syncs REBALANCE_IN_PROGRESS - as storeGroup maps it") {
    ConsumerWorld w(63);
    Caller c{w, w.world.client()};
    const engine::NodeId coord = c.find();
    JoinGroupResponse first;
    for (int i = 0; i < 100; ++i) {
        first = c.call<JoinGroupResponse>(coord, join_request(""));
        if (first.error != Errc::not_coordinator && first.error != Errc::coordinator_load_in_progress) break;
        w.world.run_ms(100);
    }
    REQUIRE(first.error == Errc::member_id_required);
    const auto joined = c.call<JoinGroupResponse>(coord, join_request(first.member_id));
    REQUIRE(joined.error == Errc::none);
    const std::string me = joined.member_id;
    // The followers stop fetching: the acks=all write of the assignment waits for them until
    // offsets.commit.timeout.ms (an offset commit would get COORDINATOR_NOT_AVAILABLE).
    for (engine::NodeId other : w.world.cluster.broker_nodes())
        if (other != coord) w.world.cluster.faults().inject(engine::CutFault{engine::LinkId{coord, other}});
    SyncGroupRequest sync{"g", GenerationId{1}, me, std::nullopt, "range", {{me, {TopicPartition{"t", 0}}}}};
    CHECK(c.call<SyncGroupResponse>(coord, sync).error == Errc::rebalance_in_progress);
    REQUIRE(group_on(w, coord) != nullptr);
    CHECK(group_on(w, coord)->state() == coordinator::GroupState::preparing_rebalance);
}

}  // TEST_SUITE
