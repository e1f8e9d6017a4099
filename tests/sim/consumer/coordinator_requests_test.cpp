// The group coordinator on the brokers, driven by hand: FindCoordinator creates
// __consumer_offsets and then names the group's partition leader; commits become visible only
// once their acks=all write is committed, and one that cannot be replicated in
// offsets.commit.timeout.ms fails with COORDINATOR_NOT_AVAILABLE.
#include <doctest/doctest.h>

#include "sim/coordinator/offsets_topic.h"
#include "tests/sim/consumer/consumer_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

// Sends `body` from `client` and runs the world until the answer arrives.
rpc::RpcResult call(ConsumerWorld& w, TestClient& client, engine::NodeId dest, RequestBody body) {
    std::optional<rpc::RpcResult> result;
    client.call(dest, std::move(body), [&result](rpc::RpcResult r) { result = std::move(r); });
    REQUIRE(w.world.run_until([&] { return result.has_value(); }, 60000));
    return *result;
}

OffsetCommitRequest commit_of(std::int64_t offset, GenerationId generation = no_generation) {
    return OffsetCommitRequest{"g", generation, "", {{TopicPartition{"t", 0}, Offset{offset}, LeaderEpoch{3}, "meta"}}, std::nullopt};
}

Errc commit_error(const rpc::RpcResult& r) {
    REQUIRE(r.ok());
    return std::get<OffsetCommitResponse>(r.body).partitions.at(0).error;
}

OffsetFetchResponse fetch(ConsumerWorld& w, TestClient& client, engine::NodeId dest) {
    const rpc::RpcResult r = call(w, client, dest, OffsetFetchRequest{"g", {TopicPartition{"t", 0}}});
    REQUIRE(r.ok());
    return std::get<OffsetFetchResponse>(r.body);
}

// Asks broker-1 until it names the coordinator of group "g".
FindCoordinatorResponse find(ConsumerWorld& w, std::vector<Errc>& errors) {
    for (int attempt = 0; attempt < 100; ++attempt) {
        const rpc::RpcResult r = call(w, w.world.client(), w.world.cluster.broker_nodes().front(), FindCoordinatorRequest{"g"});
        if (r.ok()) {  // a broker listens once it caught up with the metadata
            const auto& f = std::get<FindCoordinatorResponse>(r.body);
            errors.push_back(f.error);
            if (f.error == Errc::none) return f;
        }
        w.world.run_ms(100);
    }
    FAIL("no coordinator");
    return {};
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("FindCoordinator creates __consumer_offsets and the coordinator keeps a standalone group's offsets") {
    ConsumerWorld w(51);
    std::vector<Errc> errors;
    const FindCoordinatorResponse found = find(w, errors);
    CHECK(errors.front() == Errc::coordinator_not_available);
    const TopicPartition offsets{std::string(coordinator::offsets_topic), coordinator::partition_for("g", 3)};
    CHECK(found.node_id == w.world.controller_leader(offsets));
    TestClient& client = w.world.client();

    const OffsetFetchResponse none = fetch(w, client, found.node);
    CHECK(none.error == Errc::none);
    CHECK(none.partitions.at(0).offset == Offset{-1});
    CHECK(commit_error(call(w, client, found.node, commit_of(42))) == Errc::none);
    const OffsetFetchResponse got = fetch(w, client, found.node);
    CHECK(got.partitions.at(0).offset == Offset{42});
    CHECK(got.partitions.at(0).leader_epoch == LeaderEpoch{3});
    CHECK(got.partitions.at(0).metadata == "meta");

    CHECK(commit_error(call(w, client, found.node, commit_of(43, GenerationId{2}))) == Errc::illegal_generation);
    for (engine::NodeId other : w.world.cluster.broker_nodes()) {
        if (other == found.node) continue;
        CHECK(commit_error(call(w, client, other, commit_of(44))) == Errc::not_coordinator);
        CHECK(fetch(w, client, other).error == Errc::not_coordinator);
    }
    CHECK(fetch(w, client, found.node).partitions.at(0).offset == Offset{42});
}

TEST_CASE("a commit is visible only once replicated and one that cannot be fails with COORDINATOR_NOT_AVAILABLE") {
    ConsumerWorld w(52);
    std::vector<Errc> errors;
    const FindCoordinatorResponse found = find(w, errors);
    TestClient& client = w.world.client();
    REQUIRE(commit_error(call(w, client, found.node, commit_of(50))) == Errc::none);
    w.world.run_ms(1000);
    engine::Node& reader_node = w.world.cluster.add_client("reader", [&w](engine::Node& n) {
        return std::make_unique<TestClient>(n, w.world.cluster.network(), TestClientConfig{});
    });
    TestClient& reader = *dynamic_cast<TestClient*>(reader_node.process());

    // The coordinator's followers stop hearing from it: its write cannot be committed until
    // they leave the ISR (replica.lag.time.max.ms, 30 s), long after offsets.commit.timeout.ms.
    for (engine::NodeId other : w.world.cluster.broker_nodes())
        if (other != found.node) w.world.cluster.faults().inject(engine::CutFault{engine::LinkId{found.node, other}});
    std::optional<rpc::RpcResult> answer;
    const engine::Instant sent = w.sim().now();
    client.call(found.node, commit_of(60), [&answer](rpc::RpcResult r) { answer = std::move(r); });
    w.world.run_ms(2000);
    CHECK(!answer.has_value());
    CHECK(fetch(w, reader, found.node).partitions.at(0).offset == Offset{50});
    REQUIRE(w.world.run_until([&] { return answer.has_value(); }, 10000));
    CHECK(commit_error(*answer) == Errc::coordinator_not_available);
    CHECK(w.sim().now() - sent >= engine::Duration::ms(5000));
    CHECK(fetch(w, reader, found.node).partitions.at(0).offset == Offset{50});
}

}  // TEST_SUITE
