// What rebalances cost and what they protect: added partitions reach the group at the leader's
// next metadata refresh; an eager rebalance pauses every member while a cooperative one pauses
// none that keeps partitions; a static member restarting within its session keeps its
// partitions without a rebalance; a member paused past its session that resumes processing
// overlaps the new owner and its commit is refused (the zombie); the client sends no commit
// between JoinGroup and SyncGroup's answer, and waits for its pre-join auto-commit before
// JoinGroup, eager or cooperative; a member that misses max.poll.interval.ms leaves but
// finishes its batch beside its successor; and the same seed replays to the same trace hash.
#include <doctest/doctest.h>

#include "sim/consumer/consumer.h"
#include "tests/sim/consumer/consumer_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

consumer::ConsumerWorkload subscribing(const std::string& topic, engine::Duration per_record = engine::Duration::ms(2)) {
    consumer::ConsumerWorkload work;
    work.subscription = {topic};
    work.processing_time = per_record;
    return work;
}

consumer::ConsumerConfig group_config(const ConsumerWorld& w) {
    consumer::ConsumerConfig config = consumer_config(w, consumer::AutoCommit::enabled);
    config.session_timeout = engine::Duration::ms(10000);
    return config;
}

// Partitions each live process of the group was last assigned, by "name#incarnation".
std::map<std::string, std::set<TopicPartition>> held(const ConsumerWorld& w) {
    std::map<std::string, std::set<TopicPartition>> out;
    for (const auto& e : w.history.assignments()) {
        const std::string who = e.consumer.member + "#" + std::to_string(e.consumer.incarnation);
        if (e.change == check::AssignmentChange::assigned) out[who].insert(e.tp);
        else out[who].erase(e.tp);
    }
    return out;
}

std::size_t held_total(const ConsumerWorld& w, const std::set<std::string>& who) {
    std::size_t n = 0;
    for (const auto& [member, parts] : held(w))
        if (who.count(member) != 0) n += parts.size();
    return n;
}

// The pauses of the rebalances `member` went through after `from`.
engine::Duration pauses(const ConsumerWorld& w, const std::string& member, engine::Instant from) {
    engine::Duration total = engine::Duration::zero();
    for (const auto& r : w.history.rebalances())
        if (r.consumer.member == member && r.started >= from) total += r.paused;
    return total;
}

// Two members share 6 partitions; a third joins. Returns the first two members' pauses in the
// rebalances the join caused.
// `follow_ups` counts the members that revoked partitions and rejoined for a second round;
// `worked` the records the first two members processed while one of their rebalances ran.
std::pair<engine::Duration, engine::Duration> pause_on_join(std::vector<assign::Strategy> strategies,
                                                            std::size_t* exclusivity, std::size_t* follow_ups,
                                                            std::size_t* worked) {
    ConsumerWorld w(81);
    w.create_topic("t", 6);
    consumer::ConsumerConfig config = group_config(w);
    config.partition_assignment_strategy = std::move(strategies);
    w.add_consumer("consumer-1", config, subscribing("t"));
    w.add_consumer("consumer-2", config, subscribing("t"));
    REQUIRE(w.world.run_until([&] { return held_total(w, {"consumer-1#1", "consumer-2#1"}) == 6; }, 60000));
    w.send("t", "a-", 0, 200);
    w.world.run_ms(5000);
    w.send("t", "b-", 0, 3000);  // work in hand while the group rebalances
    w.world.run_ms(500);
    const engine::Instant joined = w.sim().now();
    w.add_consumer("consumer-3", config, subscribing("t"));
    REQUIRE(w.world.run_until([&] {
        const auto h = held(w);
        return h.count("consumer-3#1") != 0 && h.at("consumer-3#1").size() == 2 &&
               held_total(w, {"consumer-1#1", "consumer-2#1", "consumer-3#1"}) == 6;
    }, 60000));
    w.world.run_ms(5000);
    *exclusivity = static_cast<std::size_t>(w.exclusivity().count);
    *worked = 0;
    for (const auto& r : w.history.rebalances()) {
        if (r.started < joined || r.consumer.member == "consumer-3") continue;
        for (const auto& p : w.history.processed())
            if (p.consumer.member == r.consumer.member && p.at > r.started && p.at < r.ended) ++*worked;
    }
    *follow_ups = 0;
    for (const auto& r : w.records("consumer.rejoin_needed"))
        if (r.field("reason")->string_value == "revoked partitions for their new owner") ++*follow_ups;
    return {pauses(w, "consumer-1", joined), pauses(w, "consumer-2", joined)};
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("partitions added to a subscribed topic reach the group at the leader's metadata refresh") {
    ConsumerWorld w(82);
    w.create_topic("t", 2);
    consumer::ConsumerConfig config = group_config(w);
    config.metadata_max_age = engine::Duration::ms(5000);
    w.add_consumer("consumer-1", config, subscribing("t"));
    w.add_consumer("consumer-2", config, subscribing("t"));
    REQUIRE(w.world.run_until([&] { return held_total(w, {"consumer-1#1", "consumer-2#1"}) == 2; }, 60000));
    std::optional<rpc::RpcResult> grown;
    w.world.client().call(w.world.cluster.controller_node().id(), CreatePartitionsRequest{"t", 4, {}},
                          [&grown](rpc::RpcResult r) { grown = std::move(r); });
    REQUIRE(w.world.run_until([&] { return grown.has_value(); }));
    REQUIRE(w.world.run_until([&] { return held_total(w, {"consumer-1#1", "consumer-2#1"}) == 4; }, 30000));
    CHECK(!w.records("consumer.rejoin_needed").empty());
    w.send("t", "n-", 0, 200);
    REQUIRE(w.world.run_until([&] { return w.processed("g").size() == 200; }, 60000));
    CHECK(w.exclusivity().count == 0);
}

TEST_CASE("an eager rebalance pauses every member: a cooperative one pauses none that keeps partitions") {
    std::size_t eager_overlaps = 1;
    std::size_t coop_overlaps = 1;
    std::size_t eager_rounds = 1;
    std::size_t coop_rounds = 0;
    std::size_t eager_worked = 1;
    std::size_t coop_worked = 0;
    // Kafka's default list [range, cooperative-sticky] runs eager.
    const auto eager = pause_on_join({assign::Strategy::range, assign::Strategy::cooperative_sticky}, &eager_overlaps,
                                     &eager_rounds, &eager_worked);
    const auto coop = pause_on_join({assign::Strategy::cooperative_sticky}, &coop_overlaps, &coop_rounds, &coop_worked);
    CHECK(eager_worked == 0);  // stop-the-world
    CHECK(coop_worked > 0);    // the partitions they keep are processed throughout
    CHECK(eager_rounds == 0);
    CHECK(coop_rounds >= 1);  // the members that gave partitions up rejoined for a second round
    CHECK(eager.first > engine::Duration::zero());
    CHECK(eager.second > engine::Duration::zero());
    CHECK(coop.first == engine::Duration::zero());
    CHECK(coop.second == engine::Duration::zero());
    CHECK(eager_overlaps == 0);
    CHECK(coop_overlaps == 0);
}

TEST_CASE("a static member restarting within its session keeps its partitions without a rebalance") {
    ConsumerWorld w(83);
    w.create_topic("t", 4);
    consumer::ConsumerConfig config = group_config(w);
    config.group_instance_id = "instance-1";
    engine::Node& s1 = w.add_consumer("consumer-1", config, subscribing("t"));
    config.group_instance_id = "instance-2";
    w.add_consumer("consumer-2", config, subscribing("t"));
    REQUIRE(w.world.run_until([&] { return held_total(w, {"consumer-1#1", "consumer-2#1"}) == 4; }, 60000));
    w.world.run_ms(3000);
    const auto before = held(w).at("consumer-1#1");
    const std::size_t rebalances = w.records("group.rebalance").size();
    w.world.cluster.faults().inject(engine::CrashFault{s1.id()});
    w.world.run_ms(2000);
    s1.start();
    const std::string again = "consumer-1#" + std::to_string(s1.incarnation());
    REQUIRE(w.world.run_until([&] { return held(w).count(again) != 0; }, 30000));
    CHECK(held(w).at(again) == before);
    w.world.run_ms(15000);  // past the old session: nothing expires, nothing rebalances
    CHECK(w.records("group.rebalance").size() == rebalances);
    CHECK(!w.records("group.member_fenced").empty());
}

TEST_CASE("a member paused past its session resumes processing what it fetched: the zombie overlaps the new owner") {
    ConsumerWorld w(84);
    w.create_topic("t", 1);
    w.send("t", "z-", 0, 400);
    REQUIRE(w.drain_producer());
    consumer::ConsumerConfig config = consumer_config(w, consumer::AutoCommit::disabled);
    config.session_timeout = engine::Duration::ms(10000);
    config.max_poll_records = 100;
    consumer::ConsumerWorkload work = subscribing("t", engine::Duration::ms(100));
    work.commit = consumer::CommitMode::sync_after_processing;
    engine::Node& first = w.add_consumer("consumer-1", config, work);
    REQUIRE(w.world.run_until([&] { return held_total(w, {"consumer-1#1"}) == 1; }, 60000));
    w.add_consumer("consumer-2", config, work);  // idle: one partition
    REQUIRE(w.world.run_until([&] { return w.processed("g").size() >= 120; }, 60000));
    // A stop-the-world pause in the middle of a batch, longer than the session.
    first.pause(engine::Duration::ms(20000));
    REQUIRE(w.world.run_until([&] { return held(w).count("consumer-2#1") != 0 && held(w).at("consumer-2#1").size() == 1; }, 60000));
    w.world.run_ms(30000);
    CHECK(w.exclusivity().count > 0);
    bool refused = false;
    for (const auto& c : w.history.commits())
        refused = refused || (c.consumer.member == "consumer-1" && c.error != Errc::none);
    CHECK(refused);
}

TEST_CASE("no commit leaves a member between its JoinGroup and SyncGroup's answer") {
    ConsumerWorld w(85);
    w.create_topic("t", 4);
    consumer::ConsumerConfig config = group_config(w);
    config.auto_commit_interval = engine::Duration::ms(100);  // commits all the time
    w.add_consumer("consumer-1", config, subscribing("t"));
    w.send("t", "a-", 0, 400);
    w.world.run_ms(8000);
    w.add_consumer("consumer-2", config, subscribing("t"));
    w.world.run_ms(15000);
    std::map<std::string, bool> rebalancing;
    std::int64_t commits_inside = 0;
    for (const auto& r : w.trace->records()) {
        if (r.kind == "consumer.join") rebalancing[std::string(r.node_name)] = true;
        if (r.kind == "consumer.assigned") rebalancing[std::string(r.node_name)] = false;
        if (r.kind == "consumer.commit" && rebalancing[std::string(r.node_name)]) ++commits_inside;
    }
    CHECK(w.records("consumer.join").size() >= 3);
    CHECK(commits_inside == 0);
}

TEST_CASE("a member rejoining with partitions sends JoinGroup only once its pre-join auto-commit is answered - eager or cooperative") {
    for (const bool coop : {false, true}) {
        CAPTURE(coop);
        ConsumerWorld w(88);
        w.create_topic("t", 4);
        consumer::ConsumerConfig config = group_config(w);
        if (coop) config.partition_assignment_strategy = {assign::Strategy::cooperative_sticky};
        w.add_consumer("consumer-1", config, subscribing("t"));
        w.send("t", "a-", 0, 2000);
        w.world.run_ms(8000);
        w.add_consumer("consumer-2", config, subscribing("t"));
        w.world.run_ms(15000);
        // ConsumerCoordinator.onJoinPrepare waits for its auto-commit (and retries it) for both
        // protocols: the last commit a member sent before a rejoin is answered before the join.
        std::int64_t rejoins = 0;
        for (const auto& join : w.records("consumer.join")) {
            // Rejoins from a generation (an eager member has revoked by then: owned is 0).
            if (join.node_name != "consumer-1" || join.field("generation")->int_value < 1) continue;
            ++rejoins;
            std::optional<engine::Instant> sent;
            for (const auto& c : w.records("consumer.commit"))
                if (c.node_name == "consumer-1" && c.time <= join.time) sent = c.time;
            REQUIRE(sent.has_value());
            bool answered = false;
            for (const auto& c : w.history.commits())
                answered = answered || (c.consumer.member == "consumer-1" && c.at >= *sent && c.at <= join.time &&
                                        c.error == Errc::none);
            CHECK(answered);
            CHECK(*sent < join.time);
        }
        CHECK(rejoins >= 1);
    }
}

TEST_CASE("the same seed gives the same trace hash") {
    auto run = [] {
        ConsumerWorld w(86);
        w.create_topic("t", 3);
        consumer::ConsumerConfig config = group_config(w);
        w.add_consumer("consumer-1", config, subscribing("t"));
        w.add_consumer("consumer-2", config, subscribing("t"));
        w.send("t", "d-", 0, 100);
        w.world.run_ms(20000);
        return w.sim().trace().hash();
    };
    CHECK(run() == run());
}

}  // TEST_SUITE

TEST_SUITE("quick") {

TEST_CASE("a coordinator failover does not rebalance a stable group of consumers") {
    ConsumerWorld w(87);
    w.create_topic("t", 4);
    consumer::ConsumerConfig config = consumer_config(w, consumer::AutoCommit::enabled);
    w.add_consumer("consumer-1", config, subscribing("t"));
    w.add_consumer("consumer-2", config, subscribing("t"));
    REQUIRE(w.world.run_until([&] { return held_total(w, {"consumer-1#1", "consumer-2#1"}) == 4; }, 60000));
    w.world.run_ms(5000);
    const std::size_t rebalances = w.records("group.rebalance").size();
    const std::size_t loads = w.records("group.loaded").size();
    // The coordinator is the broker that last wrote the group's record.
    const auto writes = w.records("group.written");
    REQUIRE(!writes.empty());
    const std::string coordinator(writes.back().node_name);
    engine::Node* coord = nullptr;
    for (std::uint32_t i = 0; i < w.sim().node_count(); ++i)
        if (w.sim().node(engine::NodeId{i}).name() == coordinator) coord = &w.sim().node(engine::NodeId{i});
    REQUIRE(coord != nullptr);
    w.world.cluster.faults().inject(engine::CrashFault{coord->id()});
    w.send("t", "f-", 0, 200);
    REQUIRE(w.world.run_until([&] { return w.processed("g").size() >= 200; }, 120000));
    w.world.run_ms(20000);
    CHECK(w.records("group.loaded").size() > loads);
    CHECK(w.records("group.rebalance").size() == rebalances);
    CHECK(held_total(w, {"consumer-1#1", "consumer-2#1"}) == 4);
    CHECK(w.exclusivity().count == 0);
}

TEST_CASE("a member that does not poll within max.poll.interval.ms leaves - and its partitions move") {
    ConsumerWorld w(88);
    w.create_topic("t", 2);
    w.send("t", "s-", 0, 200, 10);  // keyed: both partitions get records, whichever the slow member holds
    REQUIRE(w.drain_producer());
    consumer::ConsumerConfig config = consumer_config(w, consumer::AutoCommit::enabled);
    config.max_poll_interval = engine::Duration::ms(5000);
    config.max_poll_records = 100;
    w.add_consumer("consumer-1", config, subscribing("t", engine::Duration::ms(100)));  // 10 s per batch
    w.add_consumer("consumer-2", config, subscribing("t", engine::Duration::ms(1)));
    REQUIRE(w.world.run_until([&] { return !w.records("consumer.poll_timeout").empty(); }, 60000));
    CHECK(std::string(w.records("consumer.poll_timeout").front().node_name) == "consumer-1");
    REQUIRE(w.world.run_until([&] {
        const auto h = held(w);
        return h.count("consumer-2#1") != 0 && h.at("consumer-2#1").size() == 2;
    }, 60000));
    CHECK(!w.records("group.leave").empty());
    // The slow member goes on with the batch in its hands while its successor reads the same
    // records again from the last commit: both at once, and twice.
    w.world.run_ms(15000);
    CHECK(w.exclusivity().count > 0);
    CHECK(w.redeliveries().count > 0);
}

}  // TEST_SUITE
