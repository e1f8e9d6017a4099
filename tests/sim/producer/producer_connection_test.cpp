// The producer and its connections, as Kafka's Sender and NetworkClient keep them: batches are
// drained only to a leader the producer is connected to (NetworkClient.ready), a refused or
// broken connection asks for new metadata and holds the broker back for reconnect.backoff.ms,
// and an acks=0 batch is done once written to an open connection. So when a leader crashes an
// acks=0 producer loses only what it wrote before it learnt of the crash, and no producer
// sends to the dead broker while it waits for the new leader.
#include <doctest/doctest.h>

#include <set>

#include "tests/sim/producer/producer_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

struct CrashRun {
    std::int64_t sent = 0;
    std::int64_t completed = 0;         // records acknowledged (acks=0: written to a connection)
    std::int64_t lost = 0;              // of those, missing from the final log
    std::int64_t sent_to_dead = 0;      // Produce requests to the crashed leader while it was down
    std::int64_t connects_to_dead = 0;  // connections the producer opened to it meanwhile
};

// One record a millisecond for 30 s to a one-partition topic; its leader crashes at 5 s and
// comes back at the end. Requests to the dead leader are counted from 100 ms after the crash:
// by then the producer has learnt that its connection broke.
CrashRun leader_crash(std::uint64_t seed, std::int16_t acks) {
    producer::ProducerConfig config;
    config.acks = acks;
    ProducerWorld w(seed, config);
    w.create_topic("t", 1);
    const TopicPartition tp{"t", 0};
    const engine::Node& leader = w.world.cluster.broker_node(w.world.client().leader_of(tp));
    const std::string leader_name{leader.name()};
    const engine::NodeId leader_id = leader.id();
    const std::int64_t leader_broker = w.world.client().leader_of(tp).value;
    engine::Instant crashed_at;
    for (int i = 0; i < 30000; ++i) {
        if (i == 5000) {
            w.world.cluster.faults().inject(engine::CrashFault{leader_id});
            crashed_at = w.sim().now();
        }
        w.send("t", "r-", i, 1);
        w.world.run_ms(1);
    }
    const engine::Instant outage_end = w.sim().now();
    REQUIRE(w.drain());
    w.heal_and_settle();

    CrashRun run;
    run.sent = w.producer().stats().records_sent;
    run.completed = w.producer().stats().records_acked;
    std::set<std::string> log;
    const check::ReplicaSnapshot snapshot = check::snapshot_replicas(w.world.cluster);
    for (const check::ReplicaLog& r : snapshot.at(tp))
        if (r.leader)
            for (const auto& [offset, value] : r.values)
                if (offset < r.high_watermark) log.insert(value);
    for (const check::AckEvent& a : w.history.acks())
        if (a.error == Errc::none && log.count(a.value) == 0) ++run.lost;
    const engine::Instant noticed = crashed_at + engine::Duration::ms(100);
    for (const auto& r : w.records("producer.produce"))
        if (r.time >= noticed && r.time < outage_end && r.field("broker")->int_value == leader_broker) ++run.sent_to_dead;
    for (const auto& r : w.records("net.connect"))
        if (r.time >= noticed && r.time < outage_end && r.node_name == w.producer_node->name() &&
            r.field("peer")->string_value == leader_name)
            ++run.connects_to_dead;
    return run;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("an acks=0 producer loses only what it wrote to a leader before it learnt of its crash") {
    for (std::uint64_t seed : {1, 2, 3}) {
        CAPTURE(seed);
        const CrashRun r = leader_crash(seed, 0);
        CHECK(r.completed == r.sent);  // acks=0 promises nothing, and reports no error
        CHECK(r.lost > 0);             // some were on the wire at the crash
        CHECK(r.lost < 50);            // a handful, not every record until metadata ages out
        CHECK(r.sent_to_dead == 0);
    }
}

TEST_CASE("producers with acks=1 and acks=all send nothing to a crashed leader while they wait for the new one") {
    for (std::int16_t acks : {std::int16_t{1}, std::int16_t{-1}}) {
        CAPTURE(acks);
        const CrashRun r = leader_crash(4, acks);
        CHECK(r.completed == r.sent);
        CHECK(r.sent_to_dead == 0);
        // Reconnect attempts back off exponentially (reconnect.backoff.ms, doubling up to
        // reconnect.backoff.max.ms): a dozen or so over the ~9 s until the controller fences
        // the broker, not one per retry.
        CHECK(r.connects_to_dead > 0);
        CHECK(r.connects_to_dead < 25);
    }
}

}  // TEST_SUITE
