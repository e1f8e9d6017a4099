#include "tests/support/producer_sweep.h"

#include "sim/check/divergent_replicas.h"
#include "sim/check/duplicates_in_log.h"
#include "sim/check/lost_acked.h"
#include "sim/check/send_reordered.h"
#include "sim/producer/producer.h"
#include "tests/support/broker_world.h"

namespace kafkasim::testing {

namespace {

using engine::Duration;
using engine::Instant;

int schedule_faults(BrokerWorld& w, engine::NodeId producer, engine::Random& rng, std::int64_t first_ms,
                    std::int64_t until_ms) {
    int count = 0;
    auto& faults = w.cluster.faults();
    for (std::int64_t t = first_ms; t < until_ms;) {
        const std::vector<BrokerId> ids = w.cluster.broker_ids();
        const engine::NodeId id = w.cluster.broker_node(ids[rng.uniform(ids.size())]).id();
        const std::int64_t length = rng.uniform_between(1000, 8000);
        const Instant at = Instant::from_ms(t);
        const Instant back = Instant::from_ms(t + length);
        switch (rng.uniform(5)) {
            case 0:
                faults.schedule(at, engine::CrashFault{id});
                faults.schedule(back, engine::RestartFault{id});
                break;
            case 1:
                faults.schedule(at, engine::PowerLossFault{{id}, engine::TornTail::random});
                faults.schedule(back, engine::RestartFault{id});
                break;
            case 2:
                faults.schedule(at, engine::IsolateFault{id});
                faults.schedule(back, engine::HealFault{});
                break;
            case 3:
                faults.schedule(at, engine::CutFault{engine::LinkId{id, producer}, engine::Direction::one_way});
                faults.schedule(back, engine::HealFault{});
                break;
            default:
                faults.schedule(at, engine::PauseFault{id, Duration::ms(length)});
                break;
        }
        ++count;
        t += length + broker_session_timeout_ms + rng.uniform_between(0, 4000);
    }
    return count;
}

}  // namespace

ProducerSweepResult run_producer_sweep(const ProducerSweepOptions& options) {
    cluster::ClusterOptions co;
    co.seed = options.seed;
    BrokerWorld w(co);
    check::History history;
    ProducerSweepResult result;
    w.wait_for_brokers();
    w.create_topic("orders", 3, 3, {{"min.insync.replicas", "2"}});
    for (std::int32_t p = 0; p < 3; ++p) w.wait_for_leader(TopicPartition{"orders", p});

    producer::ProducerConfig config;
    config.bootstrap = w.cluster.broker_nodes();
    config.enable_idempotence = options.idempotence;
    config.max_in_flight = options.max_in_flight;
    config.request_timeout = Duration::ms(5000);
    engine::Node& node = w.cluster.add_client("producer-1", [&w, &history, config](engine::Node& n) {
        return std::make_unique<producer::Producer>(n, w.cluster.network(), config, &history);
    });
    auto producer = [&node] { return dynamic_cast<producer::Producer*>(node.process()); };

    engine::Random rng = w.cluster.sim().random_stream("producer_sweep.faults");
    const std::int64_t start_ms = w.cluster.sim().now().ms();
    result.faults = schedule_faults(w, node.id(), rng, start_ms + 3000, options.faults_until_ms);
    std::int64_t next = 0;
    for (std::int64_t t = start_ms + 20; t < options.produce_until_ms; t += 20) {
        w.cluster.sim().schedule_at(Instant::from_ms(t), [&producer, &next] {
            const std::string key = "key-" + std::to_string(next % 6);
            producer()->send(producer::ProducerRecord{"orders", std::nullopt, key, "r" + std::to_string(next), {}});
            ++next;
        });
    }
    w.cluster.sim().run_until(Instant::from_ms(options.faults_until_ms + 10000));
    w.cluster.faults().inject(engine::HealFault{});
    for (BrokerId id : w.cluster.broker_ids()) w.cluster.broker_node(id).start();
    w.cluster.sim().run_until(Instant::from_ms(options.end_ms));

    const auto& stats = producer()->stats();
    result.sent = stats.records_sent;
    result.acked = stats.records_acked;
    result.failed = stats.records_failed;
    result.retried = stats.batches_retried;
    result.epoch_bumps = stats.epoch_bumps;
    const check::ReplicaSnapshot snapshot = check::snapshot_replicas(w.cluster);
    auto take = [&result](const check::CheckResult& r) {
        if (result.example.empty() && !r.examples.empty()) result.example = r.examples.front();
        return r.count;
    };
    result.lost_acked = take(check::check_lost_acked(history, snapshot));
    result.duplicates = take(check::check_duplicates_in_log(history, snapshot));
    result.reordered = take(check::check_send_reordered(history, snapshot));
    result.divergent_replicas = take(check::check_divergent_replicas(snapshot));
    result.trace_hash = w.cluster.sim().trace().hash();
    return result;
}

}  // namespace kafkasim::testing
