// Consumers that subscribe: the group shares a topic's partitions among its members and moves
// them when a member joins, leaves, crashes or partitions are added, without two members
// processing one partition at once (exclusivity_violations).
#include <doctest/doctest.h>

#include "sim/consumer/consumer.h"
#include "tests/sim/consumer/consumer_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

// Each partition's current owners among the group's running consumer processes
// ("name#incarnation"), from the history's assignment events.
std::map<TopicPartition, std::set<std::string>> owners(ConsumerWorld& w, const std::string& group = "g") {
    std::map<TopicPartition, std::set<std::string>> out;
    for (const auto& e : w.history.assignments()) {
        if (e.consumer.group != group) continue;
        bool running = false;
        for (std::uint32_t i = 0; i < w.sim().node_count(); ++i) {
            const engine::Node& n = w.sim().node(engine::NodeId{i});
            running = running || (n.name() == e.consumer.member && n.incarnation() == e.consumer.incarnation &&
                                  n.state() != engine::NodeState::stopped);
        }
        if (!running) continue;
        const std::string who = e.consumer.member + "#" + std::to_string(e.consumer.incarnation);
        if (e.change == check::AssignmentChange::assigned) out[e.tp].insert(who);
        else out[e.tp].erase(who);
    }
    return out;
}

// Every partition of `topic` has exactly one owner, a live consumer process.
bool owned_once(ConsumerWorld& w, const std::string& topic, int partitions, const std::string& group = "g") {
    const auto o = owners(w, group);
    for (int p = 0; p < partitions; ++p) {
        const auto it = o.find(TopicPartition{topic, p});
        if (it == o.end() || it->second.size() != 1) return false;
    }
    return true;
}

consumer::ConsumerWorkload subscribing(const std::string& topic) {
    consumer::ConsumerWorkload work;
    work.subscription = {topic};
    work.processing_time = engine::Duration::ms(2);
    return work;
}

bool processed_all(ConsumerWorld& w, const std::string& prefix, int count, const std::string& group = "g") {
    const auto seen = w.processed(group);
    for (int i = 0; i < count; ++i)
        if (seen.count(prefix + std::to_string(i)) == 0) return false;
    return true;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("three members share six partitions - and a join - a leave by crash and new partitions move them") {
    ConsumerWorld w(71);
    w.create_topic("t", 6);
    consumer::ConsumerConfig config = consumer_config(w, consumer::AutoCommit::enabled);
    config.session_timeout = engine::Duration::ms(10000);
    engine::Node& c1 = w.add_consumer("consumer-1", config, subscribing("t"));
    w.add_consumer("consumer-2", config, subscribing("t"));
    REQUIRE(w.world.run_until([&] { return owned_once(w, "t", 6); }, 60000));
    w.send("t", "a-", 0, 300);
    REQUIRE(w.world.run_until([&] { return processed_all(w, "a-", 300); }, 60000));

    // A third member joins: an eager rebalance (the default [range, cooperative-sticky]).
    w.add_consumer("consumer-3", config, subscribing("t"));
    REQUIRE(w.world.run_until([&] {
        const auto o = owners(w);
        std::set<std::string> members;
        for (const auto& [tp, who] : o) members.insert(who.begin(), who.end());
        return owned_once(w, "t", 6) && members.size() == 3;
    }, 60000));
    CHECK(w.records("group.rebalance").size() >= 2);
    w.send("t", "b-", 0, 300);
    REQUIRE(w.world.run_until([&] { return processed_all(w, "b-", 300); }, 60000));

    // consumer-1 crashes: its partitions move after its session times out.
    w.world.cluster.faults().inject(engine::CrashFault{c1.id()});
    w.send("t", "c-", 0, 300);
    REQUIRE(w.world.run_until([&] { return processed_all(w, "c-", 300) && owned_once(w, "t", 6); }, 120000));
    CHECK(w.exclusivity().count == 0);
    CHECK(w.skips().count == 0);
    CHECK(w.reordered().count == 0);
    for (const auto& r : w.history.rebalances()) CHECK(r.ended >= r.started);
}

TEST_CASE("more members than partitions leaves one idle - and it takes over when an active one crashes") {
    ConsumerWorld w(72);
    w.create_topic("t", 2);
    consumer::ConsumerConfig config = consumer_config(w, consumer::AutoCommit::enabled);
    config.session_timeout = engine::Duration::ms(10000);
    std::vector<engine::Node*> nodes;
    for (int i = 1; i <= 3; ++i) nodes.push_back(&w.add_consumer("consumer-" + std::to_string(i), config, subscribing("t")));
    REQUIRE(w.world.run_until([&] { return owned_once(w, "t", 2); }, 60000));
    w.world.run_ms(10000);
    std::set<std::string> active;
    for (const auto& [tp, who] : owners(w)) active.insert(who.begin(), who.end());
    REQUIRE(active.size() == 2);
    engine::Node* victim = nullptr;
    std::string idle;
    for (engine::Node* n : nodes) {
        const std::string id = n->name() + "#" + std::to_string(n->incarnation());
        if (active.count(id) == 0) idle = id;
        else if (victim == nullptr) victim = n;
    }
    REQUIRE(!idle.empty());
    w.world.cluster.faults().inject(engine::CrashFault{victim->id()});
    REQUIRE(w.world.run_until([&] {
        for (const auto& [tp, who] : owners(w))
            if (who.count(idle) != 0) return true;
        return false;
    }, 60000));
    w.send("t", "x-", 0, 100);
    REQUIRE(w.world.run_until([&] { return processed_all(w, "x-", 100); }, 60000));
    CHECK(w.exclusivity().count == 0);
}

TEST_CASE("independent groups each read every record") {
    ConsumerWorld w(73);
    w.create_topic("t", 3);
    for (const std::string group : {"g", "h"}) {
        consumer::ConsumerConfig config = consumer_config(w, consumer::AutoCommit::enabled);
        config.group_id = group;
        w.add_consumer(group + "/consumer-1", config, subscribing("t"));
        w.add_consumer(group + "/consumer-2", config, subscribing("t"));
    }
    w.send("t", "r-", 0, 200);
    REQUIRE(w.world.run_until([&] { return processed_all(w, "r-", 200, "g") && processed_all(w, "r-", 200, "h"); }, 60000));
    CHECK(owned_once(w, "t", 3, "g"));
    CHECK(owned_once(w, "t", 3, "h"));
    CHECK(w.exclusivity().count == 0);
}

}  // TEST_SUITE

TEST_SUITE("quick") {

TEST_CASE("a member that closes leaves at once - and the others take its partitions over") {
    ConsumerWorld w(74);
    w.create_topic("t", 6);
    consumer::ConsumerConfig config = consumer_config(w, consumer::AutoCommit::enabled);
    std::vector<engine::Node*> nodes;
    for (int i = 1; i <= 3; ++i) nodes.push_back(&w.add_consumer("consumer-" + std::to_string(i), config, subscribing("t")));
    REQUIRE(w.world.run_until([&] { return owned_once(w, "t", 6); }, 60000));
    w.send("t", "a-", 0, 300);
    REQUIRE(w.world.run_until([&] { return processed_all(w, "a-", 300); }, 60000));
    ConsumerWorld::consumer(*nodes[0])->close();
    const engine::Instant closed_at = w.sim().now();
    w.send("t", "b-", 0, 300);
    REQUIRE(w.world.run_until([&] { return processed_all(w, "b-", 300) && owned_once(w, "t", 6); }, 60000));
    // Well within session.timeout.ms (45 s): the LeaveGroup started the rebalance.
    CHECK(w.sim().now() - closed_at < engine::Duration::ms(20000));
    CHECK(!w.records("group.leave").empty());
    CHECK(ConsumerWorld::consumer(*nodes[0])->closed());
    for (const auto& [tp, who] : owners(w)) CHECK(who.count("consumer-1#1") == 0);
    CHECK(w.exclusivity().count == 0);
    CHECK(w.redeliveries().count == 0);  // it committed what it had consumed before leaving
}

}  // TEST_SUITE
