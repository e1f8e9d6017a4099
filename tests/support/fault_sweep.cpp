#include "tests/support/fault_sweep.h"

#include <cstdlib>

#include "engine/trace_sinks.h"

#include "sim/check/divergent_replicas.h"
#include "sim/check/lost_acked.h"
#include "tests/support/broker_world.h"

namespace kafkasim::testing {

namespace {

using engine::Duration;
using engine::Instant;

// Schedules one fault at a time on a random broker, each followed by its recovery.
int schedule_faults(BrokerWorld& w, engine::Random& rng, std::int64_t first_ms, std::int64_t until_ms) {
    int count = 0;
    for (std::int64_t t = first_ms; t < until_ms;) {
        const std::vector<BrokerId> ids = w.cluster.broker_ids();
        engine::Node& node = w.cluster.broker_node(ids[rng.uniform(ids.size())]);
        const engine::NodeId id = node.id();
        const std::int64_t length = rng.uniform_between(1000, 10000);
        auto& faults = w.cluster.faults();
        const Instant at = Instant::from_ms(t);
        const Instant back = Instant::from_ms(t + length);
        switch (rng.uniform(4)) {
            case 0:
                faults.schedule(at, engine::CrashFault{id});
                faults.schedule(back, engine::RestartFault{id});
                break;
            case 1:
                faults.schedule(at, engine::PowerLossFault{{id}, rng.chance(1, 2) ? engine::TornTail::random : engine::TornTail::off});
                faults.schedule(back, engine::RestartFault{id});
                break;
            case 2:
                faults.schedule(at, engine::IsolateFault{id});
                faults.schedule(back, engine::HealFault{});
                break;
            default:
                faults.schedule(at, engine::PauseFault{id, Duration::ms(length)});
                break;
        }
        ++count;
        t += length + broker_session_timeout_ms + rng.uniform_between(0, 5000);
    }
    return count;
}

}  // namespace

SweepResult run_replication_sweep(const SweepOptions& options) {
    cluster::ClusterOptions co;
    co.seed = options.seed;
    co.brokers = 3;
    co.replication_truncation = options.truncation;
    TestClientConfig client;
    client.acks = options.acks;
    client.request_timeout = Duration::ms(10000);
    BrokerWorld w(co, client);
    check::History history;
    SweepResult result;

    w.wait_for_brokers();
    w.create_topic("orders", 1, 3,
                   {{"min.insync.replicas", "2"},
                    {"unclean.leader.election.enable", options.unclean_leader_election ? "true" : "false"}});
    const TopicPartition tp{"orders", 0};
    w.wait_for_leader(tp);

    engine::Random rng = w.cluster.sim().random_stream("sweep.faults");
    const std::int64_t first_fault_ms = w.cluster.sim().now().ms() + 5000;
    result.faults = schedule_faults(w, rng, first_fault_ms, options.faults_until_ms);

    // A record every 100 ms, each acknowledged or failed by the client's callback.
    std::int64_t next = 0;
    for (std::int64_t t = w.cluster.sim().now().ms() + 100; t < options.produce_until_ms; t += 100) {
        w.cluster.sim().schedule_at(Instant::from_ms(t), [&w, &history, &result, &next, tp, first_fault_ms, acks = options.acks] {
            if (!w.client_node->is_up()) return;
            const std::string value = "r" + std::to_string(next++);
            RecordBatch batch;
            batch.records.push_back(Record{std::nullopt, value, w.cluster.sim().now().ms()});
            w.client().produce(tp, std::move(batch), [&w, &history, &result, value, tp, first_fault_ms, acks](ProduceResult r) {
                history.on_ack(check::AckEvent{"client", value, tp, r.error, r.offset, acks, w.cluster.sim().now()});
                if (r.error == Errc::none && w.cluster.sim().now().ms() > first_fault_ms) ++result.acked_after_first_fault;
            });
        });
    }
    w.cluster.sim().run_until(Instant::from_ms(options.faults_until_ms + 20000));
    // The healed phase: every broker up and connected, then drain.
    w.cluster.faults().inject(engine::HealFault{});
    for (BrokerId id : w.cluster.broker_ids()) w.cluster.broker_node(id).start();
    w.cluster.sim().run_until(Instant::from_ms(options.end_ms));

    const check::ReplicaSnapshot snapshot = check::snapshot_replicas(w.cluster);
    const check::CheckResult lost = check::check_lost_acked(history, snapshot);
    result.lost_acked = lost.count;
    if (!lost.examples.empty()) result.first_loss = lost.examples.front();
    result.divergent_replicas = check::check_divergent_replicas(snapshot).count;
    result.trace_hash = w.cluster.sim().trace().hash();
    return result;
}

}  // namespace kafkasim::testing
