// AlterPartition (sim/controller/alter_partition.h): first the decision on a hand-built image,
// then leaders' requests sent by fake brokers over their controller connection.
#include <doctest/doctest.h>

#include "sim/controller/alter_partition.h"
#include "tests/sim/controller/cluster.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using engine::Duration;

namespace {

const TopicPartition orders0{"orders", 0};

// --- the decision alone ---

// Brokers 1..4 registered with epochs 10, 20, 30, 40; 1..3 unfenced, 4 fenced. Topic "orders"
// with partition 0 on 1, 2, 3, 4, ISR 1, 2, 3, led by 1 at leader epoch 3, partition epoch 5.
metadata::ClusterImage small_image() {
    metadata::ClusterImage image;
    std::int64_t next = 0;
    auto add = [&](MetadataRecord r) { image.apply(MetadataEntry{Offset{next++}, std::move(r)}); };
    for (int b = 1; b <= 4; ++b)
        add(RegisterBrokerRecord{BrokerId{b}, IncarnationId{1}, BrokerEpoch{10 * b}, engine::NodeId{0}});
    for (int b = 1; b <= 3; ++b) add(UnfenceBrokerRecord{BrokerId{b}, BrokerEpoch{10 * b}});
    add(TopicRecord{"orders", TopicId{1}, LogConfig{}});
    add(PartitionRecord{TopicId{1}, 0, ids({1, 2, 3, 4}), ids({1, 2, 3}), BrokerId{1}, LeaderEpoch{3},
                        PartitionEpoch{5}});
    return image;
}

AlterPartitionRequest::Partition entry(LeaderEpoch leader_epoch, PartitionEpoch partition_epoch,
                                       std::initializer_list<int> isr) {
    AlterPartitionRequest::Partition p{orders0, leader_epoch, partition_epoch, {}};
    for (int b : isr) p.new_isr.push_back({BrokerId{b}, BrokerEpoch{10 * b}});
    return p;
}

AlterPartitionRequest from(int broker, std::vector<AlterPartitionRequest::Partition> partitions) {
    return AlterPartitionRequest{BrokerId{broker}, BrokerEpoch{10 * broker}, std::move(partitions)};
}

Errc decide(const AlterPartitionRequest& request) {
    const controller::AlterPartitionResult r = controller::alter_partition(small_image(), request);
    REQUIRE(r.response.error == Errc::none);
    REQUIRE(r.response.partitions.size() == 1);
    if (r.response.partitions[0].error != Errc::none) CHECK(r.records.empty());
    return r.response.partitions[0].error;
}

// --- leaders' requests in a simulation ---

// The request `from` would send to set `tp`'s ISR to `isr`, based on the controller's current
// state of the partition and naming each member's registered epoch (-1 for an unknown broker).
AlterPartitionRequest ask(Cluster& c, int from_broker, const TopicPartition& tp, std::initializer_list<int> isr) {
    const metadata::ClusterImage& image = c.controller()->image();
    const metadata::PartitionRegistration* p = image.partition(tp);
    REQUIRE(p != nullptr);
    AlterPartitionRequest r;
    r.broker = BrokerId{from_broker};
    r.broker_epoch = image.broker(r.broker)->epoch;
    AlterPartitionRequest::Partition part{tp, p->leader_epoch, p->partition_epoch, {}};
    for (int b : isr) {
        const metadata::BrokerRegistration* reg = image.broker(BrokerId{b});
        part.new_isr.push_back({BrokerId{b}, reg != nullptr ? reg->epoch : BrokerEpoch{-1}});
    }
    r.partitions.push_back(std::move(part));
    return r;
}

// Sends `request` from fake broker `from_broker` and runs until it is answered.
AlterPartitionResponse send(Cluster& c, int from_broker, AlterPartitionRequest request) {
    BrokerView& view = c.views.at(BrokerId{from_broker});
    const std::size_t before = view.alter_partition_answers.size();
    FakeBroker* b = c.fake_broker(from_broker);
    REQUIRE(b != nullptr);
    b->alter_partition(std::move(request));
    while (view.alter_partition_answers.size() == before && c.sim.step()) {
    }
    REQUIRE(view.alter_partition_answers.size() == before + 1);
    return view.alter_partition_answers.back();
}

// The error of the one partition of an answer to a request with a valid broker epoch.
Errc partition_error(const AlterPartitionResponse& r) {
    REQUIRE(r.error == Errc::none);
    REQUIRE(r.partitions.size() == 1);
    return r.partitions[0].error;
}

void create(Cluster& c, std::string name, std::vector<std::vector<BrokerId>> assignment) {
    CreateTopicsRequest t;
    t.name = std::move(name);
    t.replica_assignment = std::move(assignment);
    const rpc::RpcResult r = c.call(std::move(t));
    REQUIRE(r.ok());
    REQUIRE(std::get<CreateTopicsResponse>(r.body).error == Errc::none);
}

metadata::PartitionRegistration state(Cluster& c, const TopicPartition& tp) {
    const metadata::PartitionRegistration* p = c.controller()->image().partition(tp);
    REQUIRE(p != nullptr);
    return *p;
}

// Trace records of `kind` whose `reason` is `reason`.
std::size_t count_with_reason(const Cluster& c, std::string_view kind, std::string_view reason) {
    std::size_t n = 0;
    for (const engine::TraceRecord& r : c.traced(kind))
        if (const auto* f = r.field("reason"); f != nullptr && f->string_value == reason) ++n;
    return n;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("AlterPartition accepts a shrink from the leader and answers the state after the change") {
    const controller::AlterPartitionResult r =
        controller::alter_partition(small_image(), from(1, {entry(LeaderEpoch{3}, PartitionEpoch{5}, {1, 3})}));
    REQUIRE(r.response.error == Errc::none);
    REQUIRE(r.response.partitions.size() == 1);
    const AlterPartitionResponse::Partition& p = r.response.partitions[0];
    CHECK(p.tp == orders0);
    CHECK(p.error == Errc::none);
    CHECK(p.isr == ids({1, 3}));
    CHECK(p.leader == BrokerId{1});
    CHECK(p.leader_epoch == LeaderEpoch{3});
    CHECK(p.partition_epoch == PartitionEpoch{6});
    REQUIRE(r.records.size() == 1);
    const auto& change = std::get<PartitionChangeRecord>(r.records[0]);
    CHECK(change.topic == TopicId{1});
    CHECK(change.partition == 0);
    CHECK(change.isr == ids({1, 3}));
    CHECK_FALSE(change.leader.has_value());  // the leader stays, and with it the leader epoch
}

TEST_CASE("AlterPartition for the ISR already in effect writes nothing and answers the current state") {
    const controller::AlterPartitionResult r =
        controller::alter_partition(small_image(), from(1, {entry(LeaderEpoch{3}, PartitionEpoch{5}, {1, 2, 3})}));
    REQUIRE(r.response.partitions.size() == 1);
    CHECK(r.response.partitions[0].error == Errc::none);
    CHECK(r.response.partitions[0].partition_epoch == PartitionEpoch{5});
    CHECK(r.response.partitions[0].isr == ids({1, 2, 3}));
    CHECK(r.records.empty());
}

TEST_CASE("AlterPartition checks epochs and the sender in Kafka's order") {
    // Ahead of the controller (Kafka's NOT_CONTROLLER), checked before the sender is.
    CHECK(decide(from(2, {entry(LeaderEpoch{4}, PartitionEpoch{5}, {1, 2})})) == Errc::fenced_leader_epoch);
    CHECK(decide(from(2, {entry(LeaderEpoch{3}, PartitionEpoch{6}, {1, 2})})) == Errc::invalid_update_version);
    // An old leader epoch comes before "not the leader": an old leader learns it was replaced.
    CHECK(decide(from(2, {entry(LeaderEpoch{2}, PartitionEpoch{5}, {1, 2})})) == Errc::fenced_leader_epoch);
    CHECK(decide(from(2, {entry(LeaderEpoch{3}, PartitionEpoch{5}, {1, 2})})) == Errc::invalid_request);
    // An old partition epoch is refused even when the ISR asked for is the current one.
    CHECK(decide(from(1, {entry(LeaderEpoch{3}, PartitionEpoch{4}, {1, 2})})) == Errc::invalid_update_version);
    CHECK(decide(from(1, {entry(LeaderEpoch{3}, PartitionEpoch{4}, {1, 2, 3})})) == Errc::invalid_update_version);
}

TEST_CASE("AlterPartition refuses an ISR that is malformed or holds an ineligible broker") {
    const LeaderEpoch le{3};
    const PartitionEpoch pe{5};
    CHECK(decide(from(1, {entry(le, pe, {})})) == Errc::invalid_request);         // empty
    CHECK(decide(from(1, {entry(le, pe, {2, 3})})) == Errc::invalid_request);     // without the leader
    CHECK(decide(from(1, {entry(le, pe, {1, 2, 2})})) == Errc::invalid_request);  // a member twice
    CHECK(decide(from(1, {entry(le, pe, {1, 5})})) == Errc::invalid_request);     // not a replica
    CHECK(decide(from(1, {entry(le, pe, {1, 4})})) == Errc::ineligible_replica);  // fenced
    auto stale_member = entry(le, pe, {1, 3});
    stale_member.new_isr[1].broker_epoch = BrokerEpoch{29};  // not broker 3's registration
    CHECK(decide(from(1, {stale_member})) == Errc::ineligible_replica);
    auto unknown_epoch = entry(le, pe, {1, 3});
    unknown_epoch.new_isr[1].broker_epoch = BrokerEpoch{-1};  // "not known": accepted, as Kafka does
    CHECK(decide(from(1, {unknown_epoch})) == Errc::none);
}

TEST_CASE("AlterPartition refuses a whole request with a stale broker epoch and answers partitions in order") {
    AlterPartitionRequest stale = from(1, {entry(LeaderEpoch{3}, PartitionEpoch{5}, {1, 2})});
    stale.broker_epoch = BrokerEpoch{11};
    const controller::AlterPartitionResult refused = controller::alter_partition(small_image(), stale);
    CHECK(refused.response.error == Errc::stale_broker_epoch);
    CHECK(refused.response.partitions.empty());
    CHECK(refused.records.empty());
    CHECK(controller::alter_partition(small_image(), from(7, {})).response.error == Errc::stale_broker_epoch);

    auto unknown_topic = entry(LeaderEpoch{3}, PartitionEpoch{5}, {1, 2});
    unknown_topic.tp = TopicPartition{"payments", 0};
    auto unknown_partition = entry(LeaderEpoch{3}, PartitionEpoch{5}, {1, 2});
    unknown_partition.tp = TopicPartition{"orders", 1};
    const controller::AlterPartitionResult r = controller::alter_partition(
        small_image(), from(1, {unknown_topic, entry(LeaderEpoch{3}, PartitionEpoch{5}, {1, 2}), unknown_partition}));
    REQUIRE(r.response.partitions.size() == 3);
    CHECK(r.response.partitions[0].tp == TopicPartition{"payments", 0});
    CHECK(r.response.partitions[0].error == Errc::unknown_topic_or_partition);
    CHECK(r.response.partitions[1].error == Errc::none);
    CHECK(r.response.partitions[1].isr == ids({1, 2}));
    CHECK(r.response.partitions[2].tp == TopicPartition{"orders", 1});
    CHECK(r.response.partitions[2].error == Errc::unknown_topic_or_partition);
    CHECK(r.records.size() == 1);
}

TEST_CASE("a leader shrinks the ISR then expands it back and every broker sees the new ISR") {
    struct Out {
        std::string hash;
        metadata::PartitionRegistration before, shrunk, expanded, seen_by_3, seen_by_2;
        AlterPartitionResponse shrink, expand;
        std::vector<engine::TraceRecord> alters;
        std::size_t isr_changes = 0;
        std::size_t elections = 0;
    };
    const Out out = run_twice([] {
        Cluster c(ClusterOptions{21, 3, {}, {}, {}});
        c.run_until_ms(5000);
        create(c, "orders", {ids({1, 2, 3})});
        c.run_until_ms(6000);
        Out r;
        r.before = state(c, orders0);
        r.shrink = send(c, 1, ask(c, 1, orders0, {1, 2}));
        r.shrunk = state(c, orders0);
        c.run_until_ms(8000);
        r.seen_by_3 = *c.views.at(BrokerId{3}).image.partition(orders0);
        r.expand = send(c, 1, ask(c, 1, orders0, {1, 2, 3}));
        r.expanded = state(c, orders0);
        c.run_until_ms(10000);
        r.seen_by_2 = *c.views.at(BrokerId{2}).image.partition(orders0);
        r.alters = c.traced("controller.alter_partition");
        r.isr_changes = count_with_reason(c, "controller.isr", "alter_partition");
        r.elections = c.traced("controller.elect").size();
        r.hash = c.sim.trace().hash_hex();
        return r;
    });
    CHECK(out.before.isr == ids({1, 2, 3}));
    CHECK(out.before.leader == BrokerId{1});

    CHECK(partition_error(out.shrink) == Errc::none);
    const AlterPartitionResponse::Partition& s = out.shrink.partitions[0];
    CHECK(s.isr == ids({1, 2}));
    CHECK(s.leader == BrokerId{1});
    CHECK(s.leader_epoch == out.before.leader_epoch);
    CHECK(s.partition_epoch.value == out.before.partition_epoch.value + 1);
    CHECK(out.shrunk.isr == s.isr);
    CHECK(out.shrunk.leader_epoch == s.leader_epoch);
    CHECK(out.shrunk.partition_epoch == s.partition_epoch);
    CHECK(out.seen_by_3 == out.shrunk);  // through FetchMetadata, even on the broker left out

    CHECK(partition_error(out.expand) == Errc::none);
    const AlterPartitionResponse::Partition& e = out.expand.partitions[0];
    CHECK(e.isr == ids({1, 2, 3}));
    CHECK(e.leader_epoch == out.before.leader_epoch);
    CHECK(e.partition_epoch.value == out.before.partition_epoch.value + 2);
    CHECK(out.expanded.isr == e.isr);
    CHECK(out.seen_by_2 == out.expanded);

    REQUIRE(out.alters.size() == 2);
    CHECK(str_field(out.alters[0], "from_isr") == "1,2,3");
    CHECK(str_field(out.alters[0], "to_isr") == "1,2");
    CHECK(str_field(out.alters[0], "error") == "NONE");
    CHECK(str_field(out.alters[1], "from_isr") == "1,2");
    CHECK(str_field(out.alters[1], "to_isr") == "1,2,3");
    CHECK(out.isr_changes == 2);
    CHECK(out.elections == 0);
}

TEST_CASE("AlterPartition refusals from an old leader and from a leader with an old view") {
    struct Out {
        std::string hash;
        metadata::PartitionRegistration after_fence, at_end;
        std::vector<Errc> errors;
        Errc stale = Errc::none;
        std::size_t stale_partitions = 0;
        std::size_t isr_changes = 0;
    };
    const Out out = run_twice([] {
        Cluster c(ClusterOptions{22, 3, {}, {}, {}});
        c.run_until_ms(5000);
        create(c, "orders", {ids({1, 2, 3})});
        c.run_until_ms(6000);
        Out r;
        // Broker 1 leads and drops 3: partition epoch 1.
        REQUIRE(partition_error(send(c, 1, ask(c, 1, orders0, {1, 2}))) == Errc::none);
        const AlterPartitionRequest old_view = ask(c, 1, orders0, {1});
        // Broker 1 asks to be fenced: it leaves the ISR and 2 leads (leader epoch 1). Its
        // own next heartbeat unfences it again, but leadership stays with 2.
        const BrokerEpoch epoch1 = c.controller()->image().broker(BrokerId{1})->epoch;
        REQUIRE(c.call(BrokerHeartbeatRequest{BrokerId{1}, epoch1, c.controller()->committed_end(), true}).ok());
        c.run_until_ms(9000);
        r.after_fence = state(c, orders0);
        // The old leader, from its old view of the partition.
        r.errors.push_back(partition_error(send(c, 1, old_view)));
        // The old leader again, knowing the new epochs: it is not the leader.
        r.errors.push_back(partition_error(send(c, 1, ask(c, 1, orders0, {1, 2}))));
        // The new leader adds 1 back, then asks once more on the version it started from,
        // once for an ISR already in effect and once for a different one.
        const AlterPartitionRequest base = ask(c, 2, orders0, {2, 1});
        r.errors.push_back(partition_error(send(c, 2, base)));
        r.errors.push_back(partition_error(send(c, 2, base)));
        r.errors.push_back(partition_error(send(c, 2, ask(c, 2, orders0, {2, 1, 3}))));  // on the current one
        AlterPartitionRequest old_version = ask(c, 2, orders0, {2});
        old_version.partitions[0].partition_epoch = base.partitions[0].partition_epoch;
        r.errors.push_back(partition_error(send(c, 2, old_version)));
        // A stale broker epoch of the sender refuses the whole request.
        AlterPartitionRequest stale = ask(c, 2, orders0, {2});
        stale.broker_epoch = BrokerEpoch{stale.broker_epoch.value - 1};
        const AlterPartitionResponse stale_answer = send(c, 2, stale);
        r.stale = stale_answer.error;
        r.stale_partitions = stale_answer.partitions.size();
        r.at_end = state(c, orders0);
        r.isr_changes = count_with_reason(c, "controller.isr", "alter_partition");
        r.hash = c.sim.trace().hash_hex();
        return r;
    });
    CHECK(out.after_fence.leader == BrokerId{2});
    CHECK(out.after_fence.isr == ids({2}));
    CHECK(out.after_fence.leader_epoch == LeaderEpoch{1});
    REQUIRE(out.errors.size() == 6);
    CHECK(out.errors[0] == Errc::fenced_leader_epoch);
    CHECK(out.errors[1] == Errc::invalid_request);
    CHECK(out.errors[2] == Errc::none);
    CHECK(out.errors[3] == Errc::invalid_update_version);  // KRaft: no success for a stale version
    CHECK(out.errors[4] == Errc::none);
    CHECK(out.errors[5] == Errc::invalid_update_version);
    CHECK(out.stale == Errc::stale_broker_epoch);
    CHECK(out.stale_partitions == 0);
    CHECK(out.at_end.isr == ids({2, 1, 3}));
    CHECK(out.at_end.leader == BrokerId{2});
    CHECK(out.at_end.leader_epoch == LeaderEpoch{1});
    CHECK(out.isr_changes == 3);  // the shrink and the two expansions; no refusal wrote
}

TEST_CASE("AlterPartition refuses fenced unknown and wrong-epoch members and leaves the partition as it was") {
    struct Out {
        std::string hash;
        metadata::PartitionRegistration before, after;
        std::vector<Errc> errors;
        std::vector<engine::TraceRecord> alters;
        std::size_t isr_changes = 0;
    };
    const Out out = run_twice([] {
        ClusterOptions o;
        o.seed = 23;
        o.brokers = 4;
        o.not_fetching = {4};  // never catches up, so stays fenced
        Cluster c(o);
        c.run_until_ms(5000);
        create(c, "orders", {ids({1, 2, 3, 4})});
        c.run_until_ms(6000);
        Out r;
        r.before = state(c, orders0);
        r.errors.push_back(partition_error(send(c, 1, ask(c, 1, orders0, {1, 2, 3, 4}))));  // fenced 4
        r.errors.push_back(partition_error(send(c, 1, ask(c, 1, orders0, {1, 2, 9}))));     // unknown 9
        AlterPartitionRequest wrong = ask(c, 1, orders0, {1, 3});
        wrong.partitions[0].new_isr[1].broker_epoch = c.controller()->image().broker(BrokerId{2})->epoch;
        r.errors.push_back(partition_error(send(c, 1, wrong)));                           // 3 with 2's epoch
        r.errors.push_back(partition_error(send(c, 1, ask(c, 1, orders0, {}))));  // empty
        AlterPartitionRequest elsewhere = ask(c, 1, orders0, {1});
        elsewhere.partitions[0].tp = TopicPartition{"orders", 3};
        r.errors.push_back(partition_error(send(c, 1, elsewhere)));  // unknown partition
        r.after = state(c, orders0);
        r.alters = c.traced("controller.alter_partition");
        r.isr_changes = count_with_reason(c, "controller.isr", "alter_partition");
        r.hash = c.sim.trace().hash_hex();
        return r;
    });
    CHECK(out.before.isr == ids({1, 2, 3}));  // created without the fenced replica
    REQUIRE(out.errors.size() == 5);
    CHECK(out.errors[0] == Errc::ineligible_replica);
    CHECK(out.errors[1] == Errc::invalid_request);  // not a replica: Kafka checks that first
    CHECK(out.errors[2] == Errc::ineligible_replica);
    CHECK(out.errors[3] == Errc::invalid_request);
    CHECK(out.errors[4] == Errc::unknown_topic_or_partition);
    CHECK(out.after == out.before);
    CHECK(out.isr_changes == 0);
    REQUIRE(out.alters.size() == 5);
    CHECK(str_field(out.alters[0], "error") == "INELIGIBLE_REPLICA");
    CHECK(str_field(out.alters[0], "from_isr") == "1,2,3");
    CHECK(str_field(out.alters[0], "to_isr") == "1,2,3,4");
    CHECK(str_field(out.alters[4], "from_isr").empty());
}

TEST_CASE("a shrink followed by fencing and election still gives clean leaders") {
    struct Out {
        std::string hash;
        std::vector<metadata::PartitionRegistration> fenced, back;
        std::string violation_fenced, violation_back;
        Errc add_fenced = Errc::none;
        Errc add_old_epoch = Errc::none;
        Errc add_new_epoch = Errc::none;
    };
    const Out out = run_twice([] {
        Cluster c(ClusterOptions{24, 3, {}, {}, {}});
        c.run_until_ms(5000);
        create(c, "orders", {ids({1, 2, 3}), ids({2, 3, 1}), ids({3, 1, 2}), ids({1, 2, 3})});
        c.run_until_ms(6000);
        auto tp = [](int p) { return TopicPartition{"orders", p}; };
        REQUIRE(partition_error(send(c, 1, ask(c, 1, tp(0), {1}))) == Errc::none);
        REQUIRE(partition_error(send(c, 2, ask(c, 2, tp(1), {2, 1}))) == Errc::none);
        REQUIRE(partition_error(send(c, 3, ask(c, 3, tp(2), {3, 2}))) == Errc::none);
        REQUIRE(partition_error(send(c, 1, ask(c, 1, tp(3), {1, 3}))) == Errc::none);
        const BrokerEpoch old_epoch = c.controller()->image().broker(BrokerId{1})->epoch;
        c.broker(1).crash();
        c.run_until_ms(20000);  // fenced by session timeout
        Out r;
        for (int p = 0; p < 4; ++p) r.fenced.push_back(state(c, tp(p)));
        r.violation_fenced = check_leaders(c.controller()->image());
        r.add_fenced = partition_error(send(c, 3, ask(c, 3, tp(3), {3, 1})));
        c.broker(1).start();
        c.run_until_ms(30000);  // registered again, caught up, unfenced
        AlterPartitionRequest stale_member = ask(c, 3, tp(3), {3, 1});
        stale_member.partitions[0].new_isr[1].broker_epoch = old_epoch;
        r.add_old_epoch = partition_error(send(c, 3, stale_member));
        r.add_new_epoch = partition_error(send(c, 3, ask(c, 3, tp(3), {3, 1})));
        for (int p = 0; p < 4; ++p) r.back.push_back(state(c, tp(p)));
        r.violation_back = check_leaders(c.controller()->image());
        r.hash = c.sim.trace().hash_hex();
        return r;
    });
    CHECK(out.violation_fenced == "");
    // ISR [1], its only member gone: offline, though 2 and 3 are alive (no unclean election).
    CHECK(out.fenced[0].leader == no_broker);
    CHECK(out.fenced[0].isr == ids({1}));
    // ISR [2, 1]: 1 leaves, 2 keeps leading.
    CHECK(out.fenced[1].leader == BrokerId{2});
    CHECK(out.fenced[1].isr == ids({2}));
    CHECK(out.fenced[1].leader_epoch == LeaderEpoch{0});
    // ISR [3, 2]: 1 was already out; nothing changes.
    CHECK(out.fenced[2].isr == ids({3, 2}));
    CHECK(out.fenced[2].partition_epoch == PartitionEpoch{1});
    // ISR [1, 3] on replicas 1, 2, 3: 3 leads, not 2, which is first in order but out of sync.
    CHECK(out.fenced[3].leader == BrokerId{3});
    CHECK(out.fenced[3].isr == ids({3}));
    CHECK(out.fenced[3].leader_epoch == LeaderEpoch{1});

    CHECK(out.add_fenced == Errc::ineligible_replica);
    CHECK(out.add_old_epoch == Errc::ineligible_replica);  // KIP-903: the epoch of 1's earlier life
    CHECK(out.add_new_epoch == Errc::none);
    CHECK(out.violation_back == "");
    CHECK(out.back[0].leader == BrokerId{1});  // its last ISR member came back
    CHECK(out.back[0].leader_epoch == LeaderEpoch{2});
    CHECK(out.back[3].isr == ids({3, 1}));
    CHECK(out.back[3].leader == BrokerId{3});
}

TEST_CASE("heartbeats and further requests on the connection are answered after AlterPartition") {
    struct Out {
        std::string hash;
        std::vector<AlterPartitionResponse> answers;
        std::int64_t heartbeats_before = 0;
        std::int64_t heartbeats_after = 0;
        std::vector<Errc> heartbeat_errors;
        std::size_t fences = 0;
        bool fenced = true;
    };
    const Out out = run_twice([] {
        Cluster c(ClusterOptions{25, 3, {}, {}, {}});
        c.run_until_ms(5000);
        create(c, "orders", {ids({1, 2, 3})});
        c.run_until_ms(6000);
        Out r;
        r.heartbeats_before = c.views.at(BrokerId{1}).heartbeats_answered;
        // Three requests at once on broker 1's connection, answered in order.
        FakeBroker* b = c.fake_broker(1);
        REQUIRE(b != nullptr);
        b->alter_partition(ask(c, 1, orders0, {1, 2}));
        b->alter_partition(ask(c, 1, orders0, {1}));  // on the version the first one replaces
        AlterPartitionRequest elsewhere = ask(c, 1, orders0, {1});
        elsewhere.partitions[0].tp = TopicPartition{"orders", 7};
        b->alter_partition(std::move(elsewhere));
        c.run_until_ms(26000);
        const BrokerView& v = c.views.at(BrokerId{1});
        r.answers = v.alter_partition_answers;
        r.heartbeats_after = v.heartbeats_answered;
        r.heartbeat_errors = v.heartbeat_errors;
        r.fenced = v.fenced;
        r.fences = c.traced("controller.fence").size();
        r.hash = c.sim.trace().hash_hex();
        return r;
    });
    REQUIRE(out.answers.size() == 3);
    CHECK(partition_error(out.answers[0]) == Errc::none);
    CHECK(partition_error(out.answers[1]) == Errc::invalid_update_version);
    CHECK(partition_error(out.answers[2]) == Errc::unknown_topic_or_partition);
    // One heartbeat every 2 s for 20 s, none failed: the connection was never held up.
    CHECK(out.heartbeats_after - out.heartbeats_before >= 9);
    CHECK(out.heartbeat_errors.empty());
    CHECK_FALSE(out.fenced);
    CHECK(out.fences == 0);
}

}  // TEST_SUITE
