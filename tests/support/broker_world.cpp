#include "tests/support/broker_world.h"

#include <cstdlib>

#include "engine/trace_sinks.h"

namespace kafkasim::testing {

BrokerWorld::BrokerWorld(cluster::ClusterOptions options, TestClientConfig client_config)
    : cluster(std::move(options)) {
    // A test's whole story, for reading when it fails (one file per world: the last one wins).
    if (const char* path = std::getenv("KAFKASIM_DEBUG_TRACE"))
        cluster.sim().trace().add_sink(std::make_shared<engine::JsonlTraceSink>(path));
    client_config.bootstrap = cluster.broker_nodes();
    client_node = &cluster.add_client("client", [this, client_config](engine::Node& n) {
        return std::make_unique<TestClient>(n, cluster.network(), client_config);
    });
}

TestClient& BrokerWorld::client() { return *dynamic_cast<TestClient*>(client_node->process()); }

bool BrokerWorld::run_until(const std::function<bool()>& done, std::int64_t limit_ms) {
    const engine::Instant limit = cluster.sim().now() + engine::Duration::ms(limit_ms);
    while (!done()) {
        if (cluster.sim().now() >= limit) return false;
        if (!cluster.sim().step()) cluster.sim().run_until(limit);
    }
    return true;
}

Errc BrokerWorld::create_topic(const std::string& name, std::int32_t partitions, std::int16_t rf,
                               ConfigOverrides configs) {
    std::optional<Errc> result;
    CreateTopicsRequest request{name, partitions, rf, {}, std::move(configs)};
    client().call(cluster.controller_node().id(), request, [&result](rpc::RpcResult r) {
        const auto* c = r.ok() ? std::get_if<CreateTopicsResponse>(&r.body) : nullptr;
        result = c != nullptr ? c->error : r.transport;
    });
    run_until([&] { return result.has_value(); });
    return result.value_or(Errc::request_timed_out);
}

ProduceResult BrokerWorld::produce(const TopicPartition& tp, std::vector<std::string> values) {
    RecordBatch batch;
    for (std::string& v : values)
        batch.records.push_back(Record{std::nullopt, std::move(v), cluster.sim().now().ms()});
    std::optional<ProduceResult> result;
    client().produce(tp, std::move(batch), [&result](ProduceResult r) { result = r; });
    run_until([&] { return result.has_value(); }, 200000);
    return result.value_or(ProduceResult{Errc::request_timed_out, Offset{-1}, 0});
}

FetchResult BrokerWorld::fetch(const TopicPartition& tp, Offset offset) {
    std::optional<FetchResult> result;
    client().fetch(tp, offset, [&result](FetchResult r) { result = std::move(r); });
    run_until([&] { return result.has_value(); });
    return result.value_or(FetchResult{Errc::request_timed_out, {}, {}, {}});
}

bool BrokerWorld::wait_for_brokers(std::int64_t limit_ms) {
    return run_until(
        [this] {
            const auto* c = cluster.controller();
            if (c == nullptr) return false;
            for (BrokerId id : cluster.broker_ids()) {
                const auto* b = c->image().broker(id);
                if (b == nullptr || b->fenced) return false;
            }
            return true;
        },
        limit_ms);
}

bool BrokerWorld::wait_for_leader(const TopicPartition& tp, std::int64_t limit_ms) {
    const engine::Instant limit = cluster.sim().now() + engine::Duration::ms(limit_ms);
    while (cluster.sim().now() < limit) {
        bool answered = false;
        client().refresh_metadata([&answered] { answered = true; });
        run_until([&] { return answered; });
        if (client().last_refresh_ok() && client().leader_of(tp) != no_broker) return true;
        run_ms(200);
    }
    return false;
}

ProduceResult BrokerWorld::produce_recorded(check::History& history, const TopicPartition& tp,
                                          const std::string& value) {
    const std::int16_t acks = client().acks();
    history.on_send(check::SendEvent{"client", value, tp, cluster.sim().now()});
    const ProduceResult r = produce(tp, {value});
    history.on_ack(check::AckEvent{"client", value, tp, r.error, r.offset, acks, cluster.sim().now()});
    return r;
}

const broker::Partition* BrokerWorld::replica(BrokerId b, const TopicPartition& tp) const {
    const broker::Broker* broker = cluster.broker(b);
    return broker == nullptr ? nullptr : broker->replicas().partition(tp);
}

const metadata::PartitionRegistration* BrokerWorld::registration(const TopicPartition& tp) const {
    const controller::Controller* c = cluster.controller();
    return c == nullptr ? nullptr : c->image().partition(tp);
}

BrokerId BrokerWorld::controller_leader(const TopicPartition& tp) const {
    const metadata::PartitionRegistration* p = registration(tp);
    return p == nullptr ? no_broker : p->leader;
}

cluster::ClusterOptions cluster_options(std::uint64_t seed, std::int32_t brokers) {
    cluster::ClusterOptions o;
    o.seed = seed;
    o.brokers = brokers;
    return o;
}

std::vector<std::string> numbered(const std::string& prefix, int from, int count) {
    std::vector<std::string> v;
    for (int i = from; i < from + count; ++i) v.push_back(prefix + std::to_string(i));
    return v;
}

std::vector<std::string> values_of(const std::vector<RecordBatch>& batches) {
    std::vector<std::string> out;
    for (const RecordBatch& b : batches)
        for (const Record& r : b.records) out.push_back(r.value);
    return out;
}

}  // namespace kafkasim::testing
