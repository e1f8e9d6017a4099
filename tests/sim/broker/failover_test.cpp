#include <doctest/doctest.h>

#include "engine/trace_sinks.h"
#include "sim/check/lost_acked.h"
#include "tests/support/broker_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

TEST_SUITE("quick") {

TEST_CASE("an old leader cut off with its producer keeps taking acks=1 writes until it sees a newer epoch") {
    auto run = [](std::uint64_t seed) {
        TestClientConfig client;
        client.acks = 1;
        client.request_timeout = engine::Duration::ms(5000);
        BrokerWorld w(cluster_options(seed), client);
        auto records = std::make_shared<engine::MemoryTraceSink>();
        w.cluster.sim().trace().add_sink(records);
        check::History history;
        REQUIRE(w.wait_for_brokers());
        REQUIRE(w.create_topic("orders", 1, 3) == Errc::none);
        const TopicPartition tp{"orders", 0};
        REQUIRE(w.wait_for_leader(tp));
        CHECK(w.produce(tp, {"before"}).error == Errc::none);
        w.run_ms(2000);
        const BrokerId old_leader = w.client().leader_of(tp);
        const engine::NodeId old_node = w.cluster.broker_node(old_leader).id();
        // The old leader and the producer on one side; the controller and the others on the other.
        w.cluster.faults().inject(engine::PartitionFault{{{old_node, w.client_node->id()}}});
        for (int i = 0; i < 150; ++i) {  // 15 s of writes, past the 9 s session timeout
            const std::string v = "zombie-" + std::to_string(i);
            const ProduceResult r = w.produce(tp, {v});
            history.on_ack(check::AckEvent{"client", v, tp, r.error, r.offset, 1, w.cluster.sim().now()});
            w.run_ms(100);
        }
        w.cluster.faults().inject(engine::HealFault{});
        w.run_ms(30000);

        // The controller elected another leader; the old one appended after that record.
        std::int64_t elected_at = -1;
        std::int64_t last_zombie_append = -1;
        for (const auto& r : records->records()) {
            if (r.kind == "controller.elect" && elected_at < 0 && r.field("leader")->int_value != old_leader.value)
                elected_at = r.time.us();
            if (r.kind == "broker.append" && r.node_name == "broker-" + std::to_string(old_leader.value))
                last_zombie_append = r.time.us();
        }
        CHECK(elected_at > 0);
        CHECK(last_zombie_append > elected_at);
        // Those writes were acknowledged, and the old leader truncated them away as a follower.
        CHECK(check::check_lost_acked(history, check::snapshot_replicas(w.cluster)).count > 0);
        return w.cluster.sim().trace().hash();
    };
    CHECK(run(2) == run(2));
}

TEST_CASE("a new leader rejects a duplicate idempotent batch because followers rebuild producer state") {
    auto run = [](std::uint64_t seed) {
        BrokerWorld w(cluster_options(seed));
        REQUIRE(w.wait_for_brokers());
        REQUIRE(w.create_topic("payments", 1, 3, {{"min.insync.replicas", "2"}}) == Errc::none);
        const TopicPartition tp{"payments", 0};
        REQUIRE(w.wait_for_leader(tp));
        auto batch = [](const std::string& v, std::int32_t seq) {
            RecordBatch b;
            b.producer_id = ProducerId{1000};
            b.producer_epoch = ProducerEpoch{0};
            b.base_sequence = Sequence{seq};
            b.records.push_back(Record{"k", v, 0});
            return b;
        };
        auto send = [&w, &tp](RecordBatch b) {
            std::optional<ProduceResult> result;
            w.client().produce(tp, std::move(b), [&result](ProduceResult r) { result = r; });
            w.run_until([&] { return result.has_value(); }, 200000);
            return result.value_or(ProduceResult{Errc::request_timed_out, Offset{-1}, 0});
        };
        CHECK(send(batch("a", 0)).offset == Offset{0});
        const ProduceResult first = send(batch("b", 1));
        CHECK(first.offset == Offset{1});
        w.run_ms(2000);
        const BrokerId old_leader = w.client().leader_of(tp);
        w.cluster.broker_node(old_leader).crash();
        // The producer never saw its answer and sends the same batch again, to the new leader.
        const ProduceResult again = send(batch("b", 1));
        CHECK(again.error == Errc::none);
        CHECK(again.offset == first.offset);
        CHECK(w.client().leader_of(tp) != old_leader);
        const ProduceResult next = send(batch("c", 2));
        CHECK(next.offset == Offset{2});
        const FetchResult f = w.fetch(tp, Offset{0});
        CHECK(values_of(f.batches) == std::vector<std::string>{"a", "b", "c"});
        CHECK(send(batch("gap", 5)).error == Errc::out_of_order_sequence_number);
        return w.cluster.sim().trace().hash();
    };
    CHECK(run(6) == run(6));
}

}  // TEST_SUITE
