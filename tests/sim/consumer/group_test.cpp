// The classic group state machine driven directly, without a network: joins, the initial
// delay, syncs, assignment writes that land after their round ended, heartbeats, leaves,
// session and sync timeouts, static members, and which commits a group accepts and counts as
// heartbeats (kafka-semantics.md §c).
#include <doctest/doctest.h>

#include "sim/coordinator/group.h"

using namespace kafkasim;
using namespace kafkasim::coordinator;
using engine::Duration;
using engine::Instant;

namespace {

struct Harness {
    GroupConfig config;
    int ids = 0;
    std::vector<GroupEvent> events;
    ClassicGroup group{"g", config, [this](const std::string& p) { return p + "-" + std::to_string(++ids); },
                       [this](const GroupEvent& e) { events.push_back(e); }};
    Instant now = Instant::zero();
    std::map<std::string, JoinGroupResponse> joined;  // by the member id asked with ("" first)
    std::map<std::string, SyncGroupResponse> synced;

    JoinGroupRequest request(const std::string& member, std::vector<std::string> protocols = {"range"},
                             std::optional<std::string> instance = std::nullopt) {
        JoinGroupRequest r;
        r.group_id = "g";
        r.member_id = member;
        r.group_instance_id = std::move(instance);
        r.protocols = std::move(protocols);
        r.subscription.topics = {"t"};
        r.client_id = "c";
        r.session_timeout = Duration::ms(10000);
        r.rebalance_timeout = Duration::ms(20000);
        return r;
    }
    void join(const JoinGroupRequest& r, const std::string& as) {
        joined.erase(as);
        group.join(r, now, [this, as](JoinGroupResponse resp) { joined[as] = std::move(resp); });
    }
    // A dynamic member's two-step first join; returns its id.
    std::string first_join(std::vector<std::string> protocols = {"range"}) {
        join(request("", protocols), "");
        REQUIRE(joined[""].error == Errc::member_id_required);
        const std::string id = joined[""].member_id;
        join(request(id, protocols), id);
        return id;
    }
    void sync(const std::string& member, GenerationId gen, std::vector<SyncGroupRequest::Assignment> a = {}) {
        synced.erase(member);
        SyncGroupRequest r{"g", gen, member, std::nullopt, "", std::move(a)};
        group.sync(r, now, [this, member](SyncGroupResponse resp) { synced[member] = std::move(resp); });
    }
    // Reports the outcome of a write taken earlier.
    void complete(const GroupWrite& w, Errc error) { group.on_written(w, error, now); }
    void written(Errc error = Errc::none) {
        const auto w = group.take_write();
        REQUIRE(w.has_value());
        complete(*w, error);
    }
    void to(Instant t) {
        now = t;
        group.advance(now);
    }
    HeartbeatResponse beat(const std::string& member, GenerationId gen) {
        return group.heartbeat(HeartbeatRequest{"g", gen, member, std::nullopt}, now);
    }
    Errc commit(const std::string& member, GenerationId gen) {
        return group.validate_commit(OffsetCommitRequest{"g", gen, member, {}, std::nullopt});
    }
};

TopicPartition tp(int p) { return TopicPartition{"t", p}; }

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a first join gets MEMBER_ID_REQUIRED - then the initial delay - then generation 1") {
    Harness h;
    const std::string a = h.first_join();
    CHECK(h.group.state() == GroupState::preparing_rebalance);
    CHECK_FALSE(h.joined.count(a));  // parked through group.initial.rebalance.delay.ms
    h.to(Instant::from_ms(2000));
    const std::string b = h.first_join();  // extends the delay by another 3000 ms
    h.to(Instant::from_ms(3000));
    CHECK(h.group.state() == GroupState::preparing_rebalance);
    h.to(Instant::from_ms(6000));
    REQUIRE(h.group.state() == GroupState::completing_rebalance);
    CHECK(h.group.generation() == GenerationId{1});
    CHECK(h.group.protocol() == "range");
    CHECK(h.joined[a].leader == a);
    CHECK(h.joined[a].members.size() == 2);  // only the leader sees the members
    CHECK(h.joined[b].members.empty());
    CHECK(h.joined[b].generation == GenerationId{1});

    h.sync(b, GenerationId{1});
    CHECK_FALSE(h.synced.count(b));  // parked until the leader's assignment is written
    h.sync(a, GenerationId{1}, {{a, {tp(0)}}, {b, {tp(1)}}});
    CHECK(h.group.state() == GroupState::completing_rebalance);
    h.written();
    CHECK(h.group.state() == GroupState::stable);
    CHECK(h.synced[a].assignment == std::vector{tp(0)});
    CHECK(h.synced[b].assignment == std::vector{tp(1)});
}

TEST_CASE("a join to a stable group rebalances as soon as every member has rejoined") {
    Harness h;
    const std::string a = h.first_join();
    h.to(Instant::from_ms(3000));
    h.sync(a, GenerationId{1}, {{a, {tp(0), tp(1)}}});
    h.written();
    REQUIRE(h.group.state() == GroupState::stable);
    CHECK(h.beat(a, GenerationId{1}).error == Errc::none);

    const std::string b = h.first_join();
    CHECK(h.group.state() == GroupState::preparing_rebalance);
    CHECK(h.beat(a, GenerationId{1}).error == Errc::rebalance_in_progress);
    // Commits of the current generation are still accepted: eager members commit as they revoke.
    CHECK(h.commit(a, GenerationId{1}) == Errc::none);
    h.join(h.request(a), a);
    REQUIRE(h.group.state() == GroupState::completing_rebalance);  // no delay: not from Empty
    CHECK(h.group.generation() == GenerationId{2});
    CHECK(h.joined[b].generation == GenerationId{2});
    CHECK(h.commit(a, GenerationId{2}) == Errc::rebalance_in_progress);
    CHECK(h.commit(a, GenerationId{1}) == Errc::illegal_generation);
    CHECK(h.commit("nobody", GenerationId{2}) == Errc::unknown_member_id);
}

TEST_CASE("a member that does not rejoin within the rebalance timeout is dropped") {
    Harness h;
    const std::string a = h.first_join();
    const std::string b = h.first_join();
    h.to(Instant::from_ms(6000));
    h.sync(a, GenerationId{1}, {{a, {tp(0)}}, {b, {tp(1)}}});
    h.sync(b, GenerationId{1});
    h.written();
    REQUIRE(h.group.state() == GroupState::stable);
    h.join(h.request(a), a);  // the leader rejoins; b keeps heartbeating but never rejoins
    CHECK(h.group.state() == GroupState::preparing_rebalance);
    for (int ms = 9000; ms < 26000; ms += 3000) {
        h.to(Instant::from_ms(ms));
        CHECK(h.beat(b, GenerationId{1}).error == Errc::rebalance_in_progress);
    }
    h.to(Instant::from_ms(6000 + 20000));
    CHECK(h.group.state() == GroupState::completing_rebalance);
    CHECK(h.group.member_ids() == std::vector<std::string>{a});
    CHECK(h.beat(b, GenerationId{1}).error == Errc::unknown_member_id);
}

TEST_CASE("a session that runs out rebalances: a member that leaves rebalances at once") {
    Harness h;
    const std::string a = h.first_join();
    const std::string b = h.first_join();
    h.to(Instant::from_ms(6000));
    h.sync(a, GenerationId{1}, {{a, {tp(0)}}, {b, {tp(1)}}});
    h.sync(b, GenerationId{1});
    h.written();
    for (int ms = 8000; ms <= 16000; ms += 2000) {
        h.to(Instant::from_ms(ms));
        h.beat(a, GenerationId{1});  // b is silent
    }
    h.to(Instant::from_ms(16001));
    CHECK(h.group.state() == GroupState::preparing_rebalance);
    CHECK(h.group.member_ids() == std::vector<std::string>{a});
    h.join(h.request(a), a);
    CHECK(h.group.state() == GroupState::completing_rebalance);
    CHECK(h.group.generation() == GenerationId{2});

    h.sync(a, GenerationId{2}, {{a, {tp(0), tp(1)}}});
    h.written();
    const LeaveGroupResponse left = h.group.leave(LeaveGroupRequest{"g", {{a, std::nullopt}}}, h.now);
    CHECK(left.members.at(0).error == Errc::none);
    // The last member gone: the join phase completes at once into Empty, generation 3.
    CHECK(h.group.state() == GroupState::empty);
    CHECK(h.group.generation() == GenerationId{3});
    REQUIRE(h.group.take_write().has_value());  // the empty group is written too
    CHECK(h.commit("", no_generation) == Errc::none);
}

TEST_CASE("the member whose session ends is the one removed - wherever it stands in the group") {
    Harness h;
    const std::string a = h.first_join();
    const std::string b = h.first_join();
    const std::string c = h.first_join();
    h.to(Instant::from_ms(9000));
    h.sync(a, GenerationId{1}, {{a, {tp(0)}}, {b, {tp(1)}}, {c, {tp(2)}}});
    h.sync(b, GenerationId{1});
    h.sync(c, GenerationId{1});
    h.written();
    for (int ms = 11000; ms <= 19000; ms += 2000) {
        h.to(Instant::from_ms(ms));
        h.beat(a, GenerationId{1});  // b is silent
        h.beat(c, GenerationId{1});
    }
    h.to(Instant::from_ms(19001));
    CHECK(h.group.member_ids() == std::vector<std::string>{a, c});
    CHECK(h.group.leader() == a);
    bool named = false;
    for (const GroupEvent& e : h.events) named = named || (e.kind == "member_removed" && e.member == b);
    CHECK(named);
}

TEST_CASE("an accepted commit restarts the member's session as a heartbeat does: a refused one does not") {
    Harness h;
    const std::string a = h.first_join();
    const std::string b = h.first_join();
    h.to(Instant::from_ms(6000));
    h.sync(a, GenerationId{1}, {{a, {tp(0)}}, {b, {tp(1)}}});
    h.sync(b, GenerationId{1});
    h.written();
    const auto commit = [&h](const std::string& m, GenerationId gen) {
        return h.group.commit(OffsetCommitRequest{"g", gen, m, {}, std::nullopt}, h.now);
    };
    for (int ms = 8000; ms <= 30000; ms += 2000) {  // b only commits; a only heartbeats
        h.to(Instant::from_ms(ms));
        h.beat(a, GenerationId{1});
        CHECK(commit(b, GenerationId{1}) == Errc::none);
    }
    CHECK(h.group.state() == GroupState::stable);
    CHECK(h.group.member_ids() == std::vector<std::string>{a, b});
    h.to(Instant::from_ms(32000));
    CHECK(commit(b, GenerationId{7}) == Errc::illegal_generation);  // refused: no heartbeat
    for (int ms = 34000; ms <= 42000; ms += 2000) {
        h.to(Instant::from_ms(ms));
        h.beat(a, GenerationId{1});
    }
    CHECK(h.group.member_ids() == std::vector<std::string>{a});  // b's session ran out at 40 s
}

TEST_CASE("members that never sync are dropped at the rebalance timeout") {
    Harness h;
    const std::string a = h.first_join();
    const std::string b = h.first_join();
    h.to(Instant::from_ms(6000));
    h.sync(a, GenerationId{1}, {{a, {tp(0)}}, {b, {tp(1)}}});
    h.written();
    REQUIRE(h.group.state() == GroupState::stable);
    for (int ms = 9000; ms <= 24000; ms += 3000) {  // both alive; b never syncs
        h.to(Instant::from_ms(ms));
        h.beat(a, GenerationId{1});
        h.beat(b, GenerationId{1});
    }
    h.to(Instant::from_ms(6000 + 20000));
    CHECK(h.group.state() == GroupState::preparing_rebalance);
    CHECK(h.group.member_ids() == std::vector<std::string>{a});
}

TEST_CASE("a failed write of the assignment fails the syncs and rebalances") {
    Harness h;
    const std::string a = h.first_join();
    h.to(Instant::from_ms(3000));
    h.sync(a, GenerationId{1}, {{a, {tp(0)}}});
    h.written(Errc::not_coordinator);
    CHECK(h.synced[a].error == Errc::not_coordinator);
    CHECK(h.group.state() == GroupState::preparing_rebalance);
}

TEST_CASE("a join while the assignment is written: the next generation's assignment is written - the old one never applied") {
    Harness h;
    const std::string a = h.first_join();
    h.to(Instant::from_ms(3000));
    h.sync(a, GenerationId{1}, {{a, {tp(0), tp(1)}}});
    const auto first = h.group.take_write();  // generation 1's assignment, on its way
    REQUIRE(first.has_value());
    const std::string b = h.first_join();  // joins meanwhile: generation 2 begins
    h.join(h.request(a), a);
    REQUIRE(h.group.state() == GroupState::completing_rebalance);
    REQUIRE(h.group.generation() == GenerationId{2});
    CHECK(h.synced[a].error == Errc::rebalance_in_progress);  // generation 1's parked sync
    h.sync(b, GenerationId{2});
    h.sync(a, GenerationId{2}, {{a, {tp(0)}}, {b, {tp(1)}}});
    const auto second = h.group.take_write();  // Kafka's doSyncGroup stores every leader sync
    REQUIRE(second.has_value());
    CHECK(second->value.generation == GenerationId{2});
    // Generation 1's write completes late: moot, it neither applies nor answers anything.
    h.complete(*first, Errc::none);
    CHECK(h.group.state() == GroupState::completing_rebalance);
    CHECK_FALSE(h.synced.count(b));
    h.complete(*second, Errc::none);
    REQUIRE(h.group.state() == GroupState::stable);
    CHECK(h.synced[a].assignment == std::vector{tp(0)});
    CHECK(h.synced[b].assignment == std::vector{tp(1)});
}

TEST_CASE("a write that completes after its round ended changes nothing - whichever way the round ended") {
    SUBCASE("a member left, then the write failed") {
        Harness h;
        const std::string a = h.first_join();
        const std::string b = h.first_join();
        h.to(Instant::from_ms(6000));
        h.sync(a, GenerationId{1}, {{a, {tp(0)}}, {b, {tp(1)}}});
        const auto w = h.group.take_write();
        REQUIRE(w.has_value());
        h.group.leave(LeaveGroupRequest{"g", {{b, std::nullopt}}}, h.now);
        REQUIRE(h.group.state() == GroupState::preparing_rebalance);
        h.complete(*w, Errc::not_coordinator);
        CHECK(h.group.state() == GroupState::preparing_rebalance);
        h.join(h.request(a), a);  // the round goes on as if the write had never been asked for
        REQUIRE(h.group.state() == GroupState::completing_rebalance);
        h.sync(a, GenerationId{2}, {{a, {tp(0), tp(1)}}});
        h.written();
        CHECK(h.group.state() == GroupState::stable);
        CHECK(h.synced[a].assignment == std::vector{tp(0), tp(1)});
    }
    SUBCASE("the group was unloaded") {
        Harness h;
        const std::string a = h.first_join();
        h.to(Instant::from_ms(3000));
        h.sync(a, GenerationId{1}, {{a, {tp(0)}}});
        const auto w = h.group.take_write();
        REQUIRE(w.has_value());
        h.group.unload();
        CHECK(h.synced[a].error == Errc::not_coordinator);
        h.complete(*w, Errc::none);
        CHECK(h.group.state() == GroupState::dead);
    }
    SUBCASE("the leader synced twice: the first write to land makes the group Stable, the second is moot") {
        Harness h;
        const std::string a = h.first_join();
        h.to(Instant::from_ms(3000));
        h.sync(a, GenerationId{1}, {{a, {tp(0)}}});
        const auto w1 = h.group.take_write();
        h.sync(a, GenerationId{1}, {{a, {tp(0)}}});  // its first SyncGroup timed out in the client
        const auto w2 = h.group.take_write();
        REQUIRE(w1.has_value());
        REQUIRE(w2.has_value());
        h.complete(*w2, Errc::none);
        REQUIRE(h.group.state() == GroupState::stable);
        CHECK(h.synced[a].assignment == std::vector{tp(0)});
        h.complete(*w1, Errc::request_timed_out);
        CHECK(h.group.state() == GroupState::stable);
    }
}

TEST_CASE("requests from the wrong generation - unknown members and wrong states") {
    Harness h;
    CHECK(h.beat("x", GenerationId{0}).error == Errc::unknown_member_id);
    const std::string a = h.first_join();
    h.sync(a, GenerationId{0});
    CHECK(h.synced[a].error == Errc::rebalance_in_progress);
    h.to(Instant::from_ms(3000));
    CHECK(h.beat(a, GenerationId{7}).error == Errc::illegal_generation);
    CHECK(h.beat(a, GenerationId{1}).error == Errc::none);  // accepted in CompletingRebalance
    h.sync(a, GenerationId{2});
    CHECK(h.synced[a].error == Errc::illegal_generation);
    JoinGroupRequest odd = h.request("", {"roundrobin"});
    h.join(odd, "odd");
    CHECK(h.joined["odd"].error == Errc::inconsistent_group_protocol);
    JoinGroupRequest quick = h.request("");
    quick.session_timeout = Duration::ms(1000);
    h.join(quick, "quick");
    CHECK(h.joined["quick"].error == Errc::invalid_session_timeout);
}

TEST_CASE("members vote for their first common protocol") {
    Harness h;
    // Kafka's default list [range, cooperative-sticky] beside a cooperative-only member: the
    // only common protocol wins.
    const std::string a = h.first_join({"range", "cooperative-sticky"});
    const std::string b = h.first_join({"cooperative-sticky"});
    h.to(Instant::from_ms(6000));
    CHECK(h.group.protocol() == "cooperative-sticky");
    CHECK(h.joined[b].protocol_name == "cooperative-sticky");
    (void)a;
}

TEST_CASE("a static member rejoining a stable group keeps its assignment without a rebalance") {
    Harness h;
    h.join(h.request("", {"range"}, "i-1"), "s1");
    REQUIRE(h.joined.count("s1") == 0);  // static members skip MEMBER_ID_REQUIRED
    const std::string b = h.first_join();
    h.to(Instant::from_ms(6000));
    const std::string s1 = h.joined["s1"].member_id;
    h.sync(s1, GenerationId{1}, {{s1, {tp(0)}}, {b, {tp(1)}}});
    h.sync(b, GenerationId{1});
    h.written();
    REQUIRE(h.group.state() == GroupState::stable);

    h.join(h.request("", {"range"}, "i-1"), "restart");
    const JoinGroupResponse& again = h.joined["restart"];
    CHECK(again.error == Errc::none);
    CHECK(again.skip_assignment);  // it was the leader (KIP-814)
    CHECK(again.leader == again.member_id);
    CHECK(again.generation == GenerationId{1});
    CHECK(again.member_id != s1);
    CHECK(h.group.state() == GroupState::stable);
    h.sync(again.member_id, GenerationId{1});
    CHECK(h.synced[again.member_id].assignment == std::vector{tp(0)});
    // The old incarnation is fenced.
    CHECK(h.group.heartbeat(HeartbeatRequest{"g", GenerationId{1}, s1, "i-1"}, h.now).error == Errc::fenced_instance_id);
    CHECK(h.group.validate_commit(OffsetCommitRequest{"g", GenerationId{1}, s1, {}, "i-1"}) == Errc::fenced_instance_id);
}

TEST_CASE("a static member rejoining during CompletingRebalance rebalances: a repeated join is answered again") {
    Harness h;
    h.join(h.request("", {"range"}, "i-1"), "s1");
    h.to(Instant::from_ms(3000));
    const std::string s1 = h.joined["s1"].member_id;
    REQUIRE(h.group.state() == GroupState::completing_rebalance);
    h.join(h.request(s1), "again");  // the answer was lost: the same one comes back
    CHECK(h.joined["again"].generation == GenerationId{1});
    CHECK(h.group.state() == GroupState::completing_rebalance);
    h.join(h.request("", {"range"}, "i-1"), "restart");
    CHECK(h.group.state() == GroupState::completing_rebalance);  // all (one) members rejoined at once
    CHECK(h.group.generation() == GenerationId{2});
    CHECK(h.joined["restart"].member_id != s1);
}

TEST_CASE("a group its coordinator unloads goes Dead - says so - and answers parked joins NOT_COORDINATOR") {
    Harness h;
    const std::string a = h.first_join();
    CHECK_FALSE(h.joined.count(a));  // parked through the initial delay
    h.group.unload();
    CHECK(h.group.state() == GroupState::dead);
    CHECK(h.joined[a].error == Errc::not_coordinator);
    REQUIRE_FALSE(h.events.empty());
    CHECK(h.events.back().kind == "state");
    CHECK(h.events.back().detail == "Dead");
}

TEST_CASE("a loaded group is stable with its members and their sessions start afresh") {
    Harness h;
    GroupMetadataValue v;
    v.protocol_type = "consumer";
    v.generation = GenerationId{4};
    v.protocol_name = "range";
    v.leader = "c-1";
    v.members.push_back(GroupMemberRecord{"c-1", std::nullopt, "c", 20000, 10000, {"range"}, {{"t"}, {}, no_generation}, {tp(0)}});
    h.now = Instant::from_ms(50000);
    h.group.load(v, h.now);
    CHECK(h.group.state() == GroupState::stable);
    CHECK(h.beat("c-1", GenerationId{4}).error == Errc::none);
    CHECK(h.commit("c-1", GenerationId{4}) == Errc::none);
    h.to(Instant::from_ms(60000));
    // Its only member's session ran out: the rebalance ends at once, empty.
    CHECK(h.group.state() == GroupState::empty);
    CHECK(h.group.generation() == GenerationId{5});
}

TEST_CASE("group metadata records round-trip") {
    GroupMetadataValue v;
    v.protocol_type = "consumer";
    v.generation = GenerationId{9};
    v.protocol_name = "cooperative-sticky";
    v.leader = "a";
    v.state_timestamp_ms = 123;
    v.members.push_back(GroupMemberRecord{"a", "i-1", "c", 300000, 45000, {"range", "cooperative-sticky"},
                                          {{"t", "u"}, {tp(1)}, GenerationId{8}}, {tp(0), tp(1)}});
    v.members.push_back(GroupMemberRecord{"b", std::nullopt, "c", 300000, 45000, {"cooperative-sticky"}, {}, {}});
    CHECK(decode_group_value(encode_group_value(v)) == v);
    CHECK(decode_group_key(encode_group_key("g")) == std::optional<std::string>("g"));
    const std::string bytes = encode_group_value(v);
    CHECK_FALSE(decode_group_value(bytes.substr(0, bytes.size() - 1)).has_value());
}

}  // TEST_SUITE
