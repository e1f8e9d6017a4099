#include "tests/support/test_client.h"

#include <memory>

#include "engine/assert.h"
#include "sim/log/batch_codec.h"

namespace kafkasim::testing {

TestClient::TestClient(engine::Node& node, engine::Network& network, TestClientConfig config)
    : node_(node), rpc_(node, network), config_(std::move(config)) {}

BrokerId TestClient::leader_of(const TopicPartition& tp) const {
    const auto it = leaders_.find(tp);
    return it == leaders_.end() ? no_broker : it->second;
}

engine::NodeId TestClient::node_of(BrokerId b) const {
    const auto it = brokers_.find(b);
    return it == brokers_.end() ? engine::NodeId::none() : it->second;
}

void TestClient::refresh_metadata(std::function<void()> done) {
    const engine::NodeId target = config_.bootstrap[next_bootstrap_ % config_.bootstrap.size()];
    ++refreshes_;
    rpc_.send(target, MetadataRequest{}, config_.request_timeout, [this, done](rpc::RpcResult r) {
        const auto* m = r.ok() ? std::get_if<MetadataResponse>(&r.body) : nullptr;
        last_refresh_ok_ = m != nullptr;
        if (m == nullptr) {
            ++next_bootstrap_;  // try another broker next time
        } else {
            brokers_.clear();
            for (const auto& b : m->brokers) brokers_[b.id] = b.node;
            leaders_.clear();
            for (const auto& t : m->topics)
                for (const auto& p : t.partitions) leaders_[TopicPartition{t.name, p.partition}] = p.leader;
        }
        if (done) done();
    });
}

void TestClient::produce(TopicPartition tp, RecordBatch batch, std::function<void(ProduceResult)> done) {
    auto a = std::make_shared<Attempt>(
        Attempt{std::move(tp), std::move(batch), std::move(done), node_.now() + config_.delivery_timeout, 0});
    try_produce(std::move(a));
}

void TestClient::try_produce(std::shared_ptr<Attempt> a) {
    const engine::NodeId target = node_of(leader_of(a->tp));
    if (target.is_none()) {
        retry_later(std::move(a), Errc::leader_not_available);
        return;
    }
    ++a->attempts;
    ProduceRequest request;
    request.acks = config_.acks;
    request.timeout = config_.request_timeout;
    request.partitions.push_back({a->tp, a->batch});
    rpc_.send(target, std::move(request), config_.request_timeout, [this, a](rpc::RpcResult r) {
        const auto* p = r.ok() ? std::get_if<ProduceResponse>(&r.body) : nullptr;
        const Errc error = p == nullptr ? r.transport
                           : p->partitions.empty() ? Errc::invalid_request
                                                   : p->partitions.front().error;
        if (error == Errc::none) {
            a->done(ProduceResult{Errc::none, p->partitions.front().base_offset, a->attempts});
        } else if (is_retriable(error)) {
            retry_later(a, error);
        } else {
            a->done(ProduceResult{error, Offset{-1}, a->attempts});
        }
    });
}

void TestClient::retry_later(std::shared_ptr<Attempt> a, Errc why) {
    if (node_.now() + config_.retry_backoff > a->deadline) {
        a->done(ProduceResult{why == Errc::none ? Errc::request_timed_out : why, Offset{-1}, a->attempts});
        return;
    }
    node_.set_timer(config_.retry_backoff, [this, a] { refresh_metadata([this, a] { try_produce(a); }); });
}

void TestClient::fetch(TopicPartition tp, Offset offset, std::function<void(FetchResult)> done) {
    const engine::NodeId target = node_of(leader_of(tp));
    if (target.is_none()) {
        node_.set_timer(engine::Duration::zero(), [done] { done(FetchResult{Errc::leader_not_available, {}, {}, {}}); });
        return;
    }
    FetchRequest request;
    request.max_wait = engine::Duration::zero();
    request.min_bytes = 0;
    request.partitions.push_back({tp, offset, LeaderEpoch{-1}, LeaderEpoch{-1}, 1048576});
    rpc_.send(target, std::move(request), config_.request_timeout, [done](rpc::RpcResult r) {
        const auto* f = r.ok() ? std::get_if<FetchResponse>(&r.body) : nullptr;
        if (f == nullptr || f->partitions.empty()) {
            done(FetchResult{r.ok() ? Errc::invalid_request : r.transport, {}, {}, {}});
            return;
        }
        const auto& p = f->partitions.front();
        FetchResult out{p.error, p.high_watermark, p.log_start_offset, {}};
        for (const engine::Block& bytes : p.records) {
            log::DecodedBatch d = log::decode_batch(bytes.span());
            SIM_ASSERT(d.error == log::DecodeError::none, "a fetched batch decodes: the leader's log encoded it");
            out.batches.push_back(std::move(d.batch));
        }
        done(std::move(out));
    });
}

}  // namespace kafkasim::testing
