#include "tests/support/consumer_sweep.h"

#include <algorithm>
#include <set>

#include "sim/check/committed_offset_regressions.h"
#include "sim/check/consumer_skips.h"
#include "sim/check/exclusivity_violations.h"
#include "sim/check/key_reordered.h"
#include "sim/check/redeliveries.h"
#include "sim/check/reordered.h"
#include "sim/check/replica_snapshot.h"
#include "sim/consumer/consumer.h"
#include "sim/producer/producer.h"
#include "tests/support/broker_world.h"

namespace kafkasim::testing {

namespace {

using engine::Duration;
using engine::Instant;

int schedule_faults(BrokerWorld& w, const std::vector<engine::NodeId>& consumers, engine::Random& rng,
                    std::int64_t first_ms, std::int64_t until_ms, std::int64_t& consumer_restarts) {
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
            case 3: {
                // (No draw for a lone consumer, so the assign() sweep keeps its schedule.)
                const engine::NodeId consumer = consumers.size() == 1 ? consumers.front() : consumers[rng.uniform(consumers.size())];
                faults.schedule(at, engine::CrashFault{consumer});
                faults.schedule(back, engine::RestartFault{consumer});
                ++consumer_restarts;
                break;
            }
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

ConsumerSweepResult run_consumer_sweep(const ConsumerSweepOptions& options) {
    cluster::ClusterOptions co;
    co.seed = options.seed;
    co.broker.offsets_topic_num_partitions = 3;
    BrokerWorld w(co);
    check::History history;
    ConsumerSweepResult result;
    w.wait_for_brokers();
    w.create_topic("orders", 3, 3, {{"min.insync.replicas", "2"}});
    for (std::int32_t p = 0; p < 3; ++p) w.wait_for_leader(TopicPartition{"orders", p});

    producer::ProducerConfig pconfig;
    pconfig.bootstrap = w.cluster.broker_nodes();
    pconfig.request_timeout = Duration::ms(5000);
    engine::Node& pnode = w.cluster.add_client("producer-1", [&w, &history, pconfig](engine::Node& n) {
        return std::make_unique<producer::Producer>(n, w.cluster.network(), pconfig, &history);
    });
    auto producer = [&pnode] { return dynamic_cast<producer::Producer*>(pnode.process()); };

    consumer::ConsumerConfig cconfig;
    cconfig.bootstrap = w.cluster.broker_nodes();
    cconfig.group_id = "g";
    cconfig.auto_offset_reset = consumer::AutoOffsetReset::earliest;
    cconfig.enable_auto_commit = consumer::AutoCommit::disabled;
    cconfig.request_timeout = Duration::ms(5000);
    cconfig.max_poll_records = 50;
    cconfig.session_timeout = Duration::ms(10000);
    consumer::ConsumerWorkload work;
    if (options.group_members > 0) work.subscription = {"orders"};
    else work.assignment = {{"orders", 0}, {"orders", 1}, {"orders", 2}};
    work.processing_time = Duration::ms(15);
    work.commit = consumer::CommitMode::sync_after_processing;
    std::vector<engine::NodeId> consumers;
    for (int i = 1; i <= std::max(1, options.group_members); ++i) {
        engine::Node& cnode = w.cluster.add_client("g/consumer-" + std::to_string(i), [&w, &history, cconfig, work](engine::Node& n) {
            return std::make_unique<consumer::Consumer>(n, w.cluster.network(), cconfig, work, &history);
        });
        consumers.push_back(cnode.id());
    }

    engine::Random rng = w.cluster.sim().random_stream("consumer_sweep.faults");
    const std::int64_t start_ms = w.cluster.sim().now().ms();
    result.faults = schedule_faults(w, consumers, rng, start_ms + 3000, options.faults_until_ms, result.consumer_restarts);
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
    for (engine::NodeId c : consumers) w.cluster.sim().node(c).start();
    w.cluster.sim().run_until(Instant::from_ms(options.end_ms));

    std::set<std::string> processed;
    for (const auto& e : history.processed()) processed.insert(e.record.value);
    for (const auto& a : history.acks()) {
        if (a.error != Errc::none) continue;
        ++result.acked;
        if (processed.count(a.value) == 0) ++result.acked_unprocessed;
    }
    auto take = [&result](const check::CheckResult& r) {
        if (result.example.empty() && !r.examples.empty()) result.example = r.examples.front();
        return r.count;
    };
    result.exclusivity = take(check::check_exclusivity_violations(history));
    result.skips = take(check::check_consumer_skips(history, check::snapshot_replicas(w.cluster)));
    result.reordered = take(check::check_reordered(history));
    result.regressions = take(check::check_committed_offset_regressions(history));
    result.key_reordered = take(check::check_key_reordered(history));
    result.redeliveries = take(check::check_redeliveries(history));
    result.rebalances = static_cast<std::int64_t>(history.rebalances().size());
    result.trace_hash = w.cluster.sim().trace().hash();
    return result;
}

}  // namespace kafkasim::testing
