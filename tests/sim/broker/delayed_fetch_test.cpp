// Delayed fetches (issue 30): a fetch that finds too little data waits on the leader, watched
// under its partitions as Kafka's DelayedOperationPurgatory watches a DelayedFetch under each
// TopicPartitionOperationKey. Only what moves one of its partitions wakes it; it is then
// answered when DelayedFetch.tryComplete says so: enough bytes below the high watermark (a
// consumer) or the log end (a follower) summed over its partitions, or an error such as a
// leadership that moved away. The purgatory's check count shows which fetches were woken.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>

#include "tests/support/broker_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

struct SentFetch {
    std::optional<FetchResponse> answer;
    engine::Instant answered_at;
};

// A consumer's fetch of `tps` at `offset`, waiting up to 20 s for `min_bytes`.
FetchRequest consumer_fetch(const std::vector<TopicPartition>& tps, Offset offset, std::int32_t min_bytes) {
    FetchRequest request;
    request.max_wait = engine::Duration::ms(20000);
    request.min_bytes = min_bytes;
    for (const TopicPartition& tp : tps) request.partitions.push_back({tp, offset, LeaderEpoch{-1}, LeaderEpoch{-1}, 1048576});
    return request;
}

// Sends from a client of its own: a broker handles one request per connection at a time (as
// Kafka's SocketServer does), so a waiting fetch would hold back the world's produces.
std::shared_ptr<SentFetch> send_fetch(BrokerWorld& w, BrokerId to, FetchRequest request) {
    static int clients = 0;
    engine::Node& node = w.cluster.add_client("fetcher-" + std::to_string(++clients), [&w](engine::Node& n) {
        return std::make_unique<TestClient>(n, w.cluster.network(), TestClientConfig{});
    });
    auto sent = std::make_shared<SentFetch>();
    dynamic_cast<TestClient&>(*node.process())
        .call(w.cluster.broker_node(to).id(), std::move(request), [&w, sent](rpc::RpcResult r) {
            if (r.ok()) sent->answer = std::get<FetchResponse>(r.body);
            sent->answered_at = w.cluster.sim().now();
        });
    return sent;
}

const broker::FetchPurgatory& purgatory(const BrokerWorld& w, BrokerId b) {
    return w.cluster.broker(b)->replicas().fetch_purgatory();
}

std::size_t batches_in(const FetchResponse& r, const TopicPartition& tp) {
    for (const auto& p : r.partitions)
        if (p.tp == tp) return p.records.size();
    return 0;
}

// One broker leading two single-replica partitions.
struct OneBroker {
    BrokerWorld w{cluster_options(3, 1)};
    TopicPartition p0{"orders", 0};
    TopicPartition p1{"orders", 1};
    BrokerId broker{1};

    OneBroker() {
        REQUIRE(w.wait_for_brokers());
        REQUIRE(w.create_topic("orders", 2, 1) == Errc::none);
        REQUIRE(w.wait_for_leader(p0));
        REQUIRE(w.wait_for_leader(p1));
    }
};

// Two brokers, one partition with two replicas, written with acks=1 so that the leader's log
// end can run ahead of its high watermark.
struct TwoReplicas {
    BrokerWorld w{cluster_options(5, 2), [] {
                      TestClientConfig c;
                      c.acks = 1;
                      return c;
                  }()};
    TopicPartition tp{"orders", 0};
    BrokerId leader = no_broker;
    BrokerId follower = no_broker;

    TwoReplicas() {
        REQUIRE(w.wait_for_brokers());
        REQUIRE(w.create_topic("orders", 1, 2) == Errc::none);
        REQUIRE(w.wait_for_leader(tp));
        REQUIRE(w.produce(tp, {"a"}).error == Errc::none);
        leader = w.controller_leader(tp);
        follower = BrokerId{leader.value == 1 ? 2 : 1};
        REQUIRE(w.run_until([&] { return high_watermark() == Offset{1}; }));
    }

    Offset high_watermark() const { return w.replica(leader, tp)->high_watermark(); }
    // Appends one record the follower will not copy for a while: the leader's log end moves,
    // its high watermark stays.
    void append_above_high_watermark() {
        w.cluster.broker_node(follower).pause(engine::Duration::ms(2000));
        REQUIRE(w.produce(tp, {"b"}).error == Errc::none);
        REQUIRE(w.replica(leader, tp)->log().log_end_offset() == Offset{2});
    }
};

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a fetch waiting on one partition is not checked again by appends to another") {
    OneBroker c;
    const auto sent = send_fetch(c.w, c.broker, consumer_fetch({c.p0}, Offset{0}, 1));
    c.w.run_ms(50);
    REQUIRE_FALSE(sent->answer);
    REQUIRE(purgatory(c.w, c.broker).waiting() == 1);
    const std::uint64_t checks = purgatory(c.w, c.broker).checks();
    for (int i = 0; i < 5; ++i) REQUIRE(c.w.produce(c.p1, {"other-" + std::to_string(i)}).error == Errc::none);
    CHECK(purgatory(c.w, c.broker).checks() == checks);
    CHECK_FALSE(sent->answer);
    // An append to its own partition wakes it, and the record answers it.
    REQUIRE(c.w.produce(c.p0, {"mine"}).error == Errc::none);
    REQUIRE(c.w.run_until([&] { return sent->answer.has_value(); }, 100));
    CHECK(purgatory(c.w, c.broker).checks() == checks + 1);
    CHECK(purgatory(c.w, c.broker).waiting() == 0);
    CHECK(batches_in(*sent->answer, c.p0) == 1);
}

TEST_CASE("fetch.min.bytes counts the bytes available over all the fetched partitions") {
    OneBroker c;
    REQUIRE(c.w.produce(c.p0, {"first"}).error == Errc::none);
    const std::int64_t one_batch = c.w.replica(c.broker, c.p0)->log().size_bytes();
    // More than one partition holds: the fetch waits.
    const auto sent = send_fetch(c.w, c.broker, consumer_fetch({c.p0, c.p1}, Offset{0}, static_cast<std::int32_t>(one_batch + 1)));
    c.w.run_ms(50);
    REQUIRE_FALSE(sent->answer);
    // A batch of the same size in the other partition: neither alone is enough, both are.
    REQUIRE(c.w.produce(c.p1, {"other"}).error == Errc::none);
    REQUIRE(c.w.replica(c.broker, c.p1)->log().size_bytes() == one_batch);
    REQUIRE(c.w.run_until([&] { return sent->answer.has_value(); }, 100));
    CHECK(batches_in(*sent->answer, c.p0) == 1);
    CHECK(batches_in(*sent->answer, c.p1) == 1);
}

TEST_CASE("a consumer fetch is woken by an append above the high watermark but answered only when the high watermark moves") {
    TwoReplicas c;
    const auto sent = send_fetch(c.w, c.leader, consumer_fetch({c.tp}, Offset{1}, 1));
    c.w.run_ms(50);
    REQUIRE_FALSE(sent->answer);
    const std::uint64_t checks = purgatory(c.w, c.leader).checks();
    c.append_above_high_watermark();
    c.w.run_ms(500);
    CHECK(purgatory(c.w, c.leader).checks() > checks);
    CHECK(c.high_watermark() == Offset{1});
    CHECK_FALSE(sent->answer);
    // The follower resumes, copies the record and fetches again: the high watermark moves.
    REQUIRE(c.w.run_until([&] { return sent->answer.has_value(); }, 5000));
    CHECK(c.high_watermark() == Offset{2});
    REQUIRE(sent->answer->partitions.size() == 1);
    CHECK(sent->answer->partitions[0].error == Errc::none);
    CHECK(batches_in(*sent->answer, c.tp) == 1);
}

TEST_CASE("a consumer fetch past the high watermark is answered at once and empty") {
    // DelayedFetch.tryComplete, case F: a consumer ahead of the leader's high watermark (a new
    // leader's lags what the old one said) gets an empty answer rather than waiting.
    TwoReplicas c;
    c.append_above_high_watermark();
    const auto sent = send_fetch(c.w, c.leader, consumer_fetch({c.tp}, Offset{2}, 1));
    REQUIRE(c.w.run_until([&] { return sent->answer.has_value(); }, 100));
    CHECK(c.high_watermark() == Offset{1});
    REQUIRE(sent->answer->partitions.size() == 1);
    CHECK(sent->answer->partitions[0].error == Errc::none);
    CHECK(sent->answer->partitions[0].records.empty());
}

TEST_CASE("a fetch waiting on a leader that loses its leadership is answered NOT_LEADER_OR_FOLLOWER at once") {
    BrokerWorld w(cluster_options(9));
    REQUIRE(w.wait_for_brokers());
    REQUIRE(w.create_topic("orders", 1, 3) == Errc::none);
    const TopicPartition tp{"orders", 0};
    REQUIRE(w.wait_for_leader(tp));
    const BrokerId leader = w.controller_leader(tp);
    const auto sent = send_fetch(w, leader, consumer_fetch({tp}, Offset{0}, 1));
    w.run_ms(100);
    REQUIRE_FALSE(sent->answer);
    // Another replica becomes the preferred leader, and a preferred election moves leadership.
    std::vector<BrokerId> target = w.registration(tp)->replicas;
    std::rotate(target.begin(), target.begin() + 1, target.end());
    std::optional<Errc> reassigned;
    w.client().call(w.cluster.controller_node().id(), AlterPartitionReassignmentsRequest{{{tp, target}}},
                    [&reassigned](rpc::RpcResult r) {
                        const auto* a = r.ok() ? std::get_if<AlterPartitionReassignmentsResponse>(&r.body) : nullptr;
                        reassigned = a != nullptr ? a->partitions.at(0).error : r.transport;
                    });
    REQUIRE(w.run_until([&] { return reassigned.has_value() && w.registration(tp)->replicas == target; }));
    REQUIRE(reassigned == Errc::none);
    std::optional<Errc> elected;
    w.client().call(w.cluster.controller_node().id(), ElectLeadersRequest{ElectionType::preferred, {tp}},
                    [&elected](rpc::RpcResult r) {
                        const auto* e = r.ok() ? std::get_if<ElectLeadersResponse>(&r.body) : nullptr;
                        elected = e != nullptr ? e->partitions.at(0).error : r.transport;
                    });
    REQUIRE(w.run_until([&] { return elected.has_value(); }));
    REQUIRE(elected == Errc::none);
    CHECK(w.controller_leader(tp) == target.front());
    // The old leader learns it from the metadata log and answers as it steps down, not at the
    // fetch's 20 s timeout.
    REQUIRE(w.run_until([&] { return w.replica(leader, tp)->role() == broker::Role::follower; }));
    CHECK_FALSE(sent->answer);
    const engine::Instant stepped_down = w.cluster.sim().now();
    REQUIRE(w.run_until([&] { return sent->answer.has_value(); }, 1000));
    CHECK(sent->answered_at - stepped_down < engine::Duration::ms(10));
    REQUIRE(sent->answer->partitions.size() == 1);
    CHECK(sent->answer->partitions[0].error == Errc::not_leader_or_follower);
}

}  // TEST_SUITE
