// A consumer resetting to "latest" while a new leader's high watermark lags its epoch start
// (issue 27, item 10): the leader answers OFFSET_NOT_AVAILABLE, and the consumer retries after
// its backoff with fresh metadata, as Kafka's OffsetFetcher does, until the high watermark has
// caught up. It starts at the log end, never below records acknowledged before it asked.
#include <doctest/doctest.h>

#include "tests/sim/consumer/consumer_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

TEST_SUITE("quick") {

TEST_CASE("a consumer resetting to latest retries OFFSET_NOT_AVAILABLE and starts at the new leader's log end") {
    ConsumerWorld w(13);
    w.create_topic("t", 1);
    const TopicPartition tp{"t", 0};
    w.send("t", "old-", 0, 50);
    REQUIRE(w.drain_producer());
    // Acknowledged; the followers hear of the high watermark only with their next fetch answer.
    const BrokerId old_leader = w.world.controller_leader(tp);
    std::vector<engine::NodeId> followers;
    for (BrokerId b : w.world.cluster.broker_ids())
        if (b != old_leader) followers.push_back(w.world.cluster.broker_node(b).id());
    REQUIRE(followers.size() == 2);
    w.world.cluster.broker_node(old_leader).crash();
    // Whichever follower leads, the other cannot fetch from it: its high watermark stays behind.
    w.world.cluster.faults().inject(engine::CutFault{{followers[0], followers[1]}, engine::Direction::both_ways});
    REQUIRE(w.world.run_until([&] {
        const BrokerId l = w.world.controller_leader(tp);
        return l != no_broker && l != old_leader && w.world.replica(l, tp) != nullptr && w.world.replica(l, tp)->is_leader();
    }));
    const broker::Partition& leader = *w.world.replica(w.world.controller_leader(tp), tp);
    REQUIRE(leader.log().log_end_offset() == Offset{50});
    REQUIRE(leader.high_watermark() < Offset{50});  // the premise

    consumer::ConsumerConfig config = consumer_config(w, consumer::AutoCommit::unset);
    config.auto_offset_reset = consumer::AutoOffsetReset::latest;
    config.group_id = "";  // no group: __consumer_offsets cannot be created with a broker down
    consumer::ConsumerWorkload work;
    work.assignment = {tp};
    engine::Node& node = w.add_consumer("consumer-1", config, work);
    w.world.run_ms(5000);
    CHECK(ConsumerWorld::consumer(node)->position(tp) == Offset{-1});  // still asking
    bool not_available = false;
    for (const auto& r : w.records("consumer.list_offsets_failed"))
        not_available = not_available || r.field("error")->string_value == "OFFSET_NOT_AVAILABLE";
    CHECK(not_available);

    w.world.cluster.faults().inject(engine::HealFault{});
    REQUIRE(w.world.run_until([&] { return ConsumerWorld::consumer(node)->position(tp).value >= 0; }));
    CHECK(w.history.positions().back().offset == Offset{50});
    w.send("t", "new-", 0, 10);
    REQUIRE(w.run_until_processed("", "new-9"));
    const auto seen = w.processed("");
    CHECK(seen.size() == 10);
    CHECK(seen.count("old-49") == 0);
}

}  // TEST_SUITE
