// The group coordinator's broker fails: the new leader of the group's __consumer_offsets
// partition loads the committed offsets from its log and serves them; the consumer finds it,
// goes on committing, and a consumer restarted afterwards resumes where the group left off.
// A commitSync without a coordinator gives up at its deadline, and finishes once even when
// its last answer loses the coordinator after that deadline.
#include <doctest/doctest.h>

#include "sim/coordinator/offsets_topic.h"
#include "tests/sim/consumer/consumer_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

TEST_SUITE("quick") {

namespace {

bool loaded_on_other_broker(const ConsumerWorld& w, const std::string& old_node, std::int32_t partition,
                            std::size_t from_record) {
    const auto loads = w.records("coordinator.loaded");
    for (std::size_t i = from_record; i < loads.size(); ++i)
        if (loads[i].node_name != old_node && loads[i].field("partition")->int_value == partition &&
            loads[i].field("records")->int_value > 0)
            return true;
    return false;
}

}  // namespace

TEST_CASE("a coordinator failover keeps every committed offset and moves none back") {
    ConsumerWorld w(41);
    w.create_topic("t", 1);
    w.send("t", "r-", 0, 600);
    REQUIRE(w.drain_producer());
    consumer::ConsumerConfig config = consumer_config(w, consumer::AutoCommit::disabled);
    config.max_poll_records = 20;
    consumer::ConsumerWorkload work;
    work.assignment = {{"t", 0}};
    work.processing_time = engine::Duration::ms(5);
    work.commit = consumer::CommitMode::sync_after_processing;
    engine::Node& node = w.add_consumer("consumer-1", config, work);
    REQUIRE(w.world.run_until([&] { return w.processed("g").size() >= 150; }));
    const TopicPartition offsets{std::string(coordinator::offsets_topic), coordinator::partition_for("g", 3)};

    // 1. The coordinator's broker crashes while the consumer commits: the consumer finds the
    //    new coordinator and goes on.
    const BrokerId first = w.world.controller_leader(offsets);
    REQUIRE(first != no_broker);
    engine::Node& first_node = w.world.cluster.broker_node(first);
    const std::size_t commits_before = w.history.commits().size();
    w.world.cluster.faults().inject(engine::CrashFault{first_node.id()});
    REQUIRE(w.world.run_until([&] { return w.processed("g").size() >= 300; }));
    CHECK(loaded_on_other_broker(w, first_node.name(), offsets.partition, 0));
    CHECK(!w.records("consumer.coordinator_unknown").empty());
    CHECK(w.history.commits().size() > commits_before);
    first_node.start();
    REQUIRE(w.world.wait_for_brokers());
    w.world.run_ms(35000);  // the restarted broker's replicas rejoin the ISR

    // 2. The consumer crashes, then the coordinator's broker too: the restarted consumer can
    //    only get its offset from the next leader's load of __consumer_offsets.
    w.world.cluster.faults().inject(engine::CrashFault{node.id()});
    Offset last_acked{-1};
    for (const auto& c : w.history.commits())
        if (c.error == Errc::none) last_acked = c.offset;
    REQUIRE(last_acked.value >= 300);
    const BrokerId second = w.world.controller_leader(offsets);
    REQUIRE(second != no_broker);
    engine::Node& second_node = w.world.cluster.broker_node(second);
    const std::size_t loads_before = w.records("coordinator.loaded").size();
    w.world.cluster.faults().inject(engine::CrashFault{second_node.id()});
    // The controller fences the broker after broker.session.timeout.ms and elects a new leader.
    CHECK(w.world.run_until([&] { return loaded_on_other_broker(w, second_node.name(), offsets.partition, loads_before); },
                            30000));
    node.start();
    REQUIRE(w.run_until_processed("g", "r-599"));
    w.world.run_ms(2000);
    const check::PositionEvent& restart = w.history.positions().back();
    CHECK(restart.source == check::PositionSource::committed);
    CHECK(restart.offset == last_acked);
    CHECK(w.regressions().count == 0);
    CHECK(w.skips().count == 0);
    CHECK(w.processed("g").size() == 600);
    CHECK(w.redeliveries().count <= 20);  // at most the batch in hand at the crash
    CHECK(w.reordered().count == 0);
}

TEST_CASE("commitSync gives up after default.api.timeout.ms without a coordinator and the loop goes on") {
    ConsumerWorld w(42);
    w.create_topic("t", 1);
    w.send("t", "r-", 0, 200);
    REQUIRE(w.drain_producer());
    consumer::ConsumerConfig config = consumer_config(w, consumer::AutoCommit::disabled);
    config.max_poll_records = 20;
    config.request_timeout = engine::Duration::ms(1000);
    config.default_api_timeout = engine::Duration::ms(3000);
    consumer::ConsumerWorkload work;
    work.assignment = {{"t", 0}};
    work.processing_time = engine::Duration::ms(5);
    work.commit = consumer::CommitMode::sync_after_processing;
    engine::Node& node = w.add_consumer("consumer-1", config, work);
    REQUIRE(w.world.run_until([&] { return w.processed("g").size() >= 60; }));
    w.world.cluster.faults().inject(engine::IsolateFault{node.id()});
    w.world.run_ms(8000);
    bool sync_failed = false;
    for (const auto& r : w.records("consumer.commit_failed"))
        sync_failed = sync_failed || r.field("kind")->string_value == "sync";
    CHECK(sync_failed);
    CHECK(ConsumerWorld::consumer(node)->stats().commits_failed > 0);
    w.world.cluster.faults().inject(engine::HealFault{});
    REQUIRE(w.run_until_processed("g", "r-199"));
    w.world.run_ms(1000);
    CHECK(ConsumerWorld::consumer(node)->committed({"t", 0}) == Offset{200});
    CHECK(w.regressions().count == 0);
    CHECK(w.redeliveries().count == 0);
}

TEST_CASE("a commitSync whose last answer loses the coordinator after its deadline finishes once") {
    ConsumerWorld w(43);
    w.create_topic("t", 1);
    w.send("t", "r-", 0, 400);
    REQUIRE(w.drain_producer());
    consumer::ConsumerConfig config = consumer_config(w, consumer::AutoCommit::disabled);
    config.max_poll_records = 20;
    config.session_timeout = engine::Duration::ms(10000);
    config.default_api_timeout = engine::Duration::ms(16000);
    consumer::ConsumerWorkload work;
    work.subscription = {"t"};
    work.processing_time = engine::Duration::ms(5);
    work.commit = consumer::CommitMode::sync_after_processing;
    engine::Node& node = w.add_consumer("consumer-1", config, work);
    REQUIRE(w.world.run_until([&] { return w.processed("g").size() >= 60; }));
    const TopicPartition offsets{std::string(coordinator::offsets_topic), coordinator::partition_for("g", 3)};
    const BrokerId leader = w.world.controller_leader(offsets);
    REQUIRE(leader != no_broker);
    const engine::NodeId coord = w.world.cluster.broker_node(leader).id();
    // The coordinator's followers stop fetching: every commit's write times out after
    // offsets.commit.timeout.ms and is answered COORDINATOR_NOT_AVAILABLE, which loses the
    // coordinator. Its answers come 3.5 s late, so a heartbeat is always in flight on that
    // connection when a commit's answer closes it; the last answer comes after the deadline.
    for (engine::NodeId other : w.world.cluster.broker_nodes())
        if (other != coord) w.world.cluster.faults().inject(engine::CutFault{engine::LinkId{coord, other}});
    w.world.cluster.faults().inject(
        engine::ClogFault{engine::LinkId{coord, node.id()}, engine::Duration::ms(3500), engine::Direction::one_way});
    w.world.run_ms(25000);
    std::int64_t sync_failures = 0;
    for (const auto& r : w.records("consumer.commit_failed"))
        if (r.field("kind")->string_value == "sync") ++sync_failures;
    CHECK(sync_failures >= 1);
    // Each commitSync was asked for by one batch's end and finishes once: the stats count a
    // failure per commit, and the trace one commit_failed per failure.
    CHECK(ConsumerWorld::consumer(node)->stats().commits_failed == sync_failures);
    w.world.cluster.faults().inject(engine::HealFault{});
    REQUIRE(w.run_until_processed("g", "r-399"));
    w.world.run_ms(2000);
    CHECK(w.regressions().count == 0);
    CHECK(w.skips().count == 0);
}

}  // TEST_SUITE
