// TestClient: a minimal Kafka client for tests, before the real producer and consumer
// exist. It keeps metadata from brokers' Metadata answers, sends Produce and Fetch requests
// to partition leaders, and on NOT_LEADER_OR_FOLLOWER, a missing leader or a broken
// connection refreshes its metadata and retries after a backoff, until a deadline.
#pragma once

#include <functional>
#include <map>
#include <vector>

#include "engine/node.h"
#include "sim/rpc/rpc_client.h"

namespace kafkasim::testing {

struct TestClientConfig {
    std::vector<engine::NodeId> bootstrap;                              // brokers to ask for metadata
    std::int16_t acks = -1;                                             // acks
    engine::Duration request_timeout = engine::Duration::ms(30000);     // request.timeout.ms
    engine::Duration retry_backoff = engine::Duration::ms(100);         // retry.backoff.ms
    engine::Duration delivery_timeout = engine::Duration::ms(120000);   // delivery.timeout.ms
};

struct ProduceResult {
    Errc error = Errc::none;
    Offset offset{-1};
    int attempts = 0;
};

struct FetchResult {
    Errc error = Errc::none;
    Offset high_watermark{-1};
    Offset log_start_offset{-1};
    std::vector<RecordBatch> batches;
};

class TestClient : public engine::Process {
public:
    TestClient(engine::Node& node, engine::Network& network, TestClientConfig config);

    // Sends `batch` (offsets are the broker's to assign) to the leader of `tp`, retrying
    // retriable errors until delivery_timeout; `done` gets the outcome once.
    void produce(TopicPartition tp, RecordBatch batch, std::function<void(ProduceResult)> done);
    // Fetches from the leader of `tp` at `offset`, once (no retry): `done` gets the answer.
    void fetch(TopicPartition tp, Offset offset, std::function<void(FetchResult)> done);
    // Asks a bootstrap broker for metadata now; `done` (may be empty) runs after the answer.
    void refresh_metadata(std::function<void()> done);

    // Sends any request to `dest` (an admin request to the controller, say), once.
    void call(engine::NodeId dest, RequestBody body, std::function<void(rpc::RpcResult)> done) {
        rpc_.send(dest, std::move(body), config_.request_timeout, std::move(done));
    }

    // Leader of `tp` in the client's current metadata, or no_broker.
    BrokerId leader_of(const TopicPartition& tp) const;
    std::uint64_t metadata_refreshes() const { return refreshes_; }
    std::int16_t acks() const { return config_.acks; }
    // Whether the last metadata request was answered (else the old metadata stays).
    bool last_refresh_ok() const { return last_refresh_ok_; }

private:
    struct Attempt {
        TopicPartition tp;
        RecordBatch batch;
        std::function<void(ProduceResult)> done;
        engine::Instant deadline;
        int attempts = 0;
    };
    void try_produce(std::shared_ptr<Attempt> a);
    void retry_later(std::shared_ptr<Attempt> a, Errc why);
    engine::NodeId node_of(BrokerId b) const;

    engine::Node& node_;
    rpc::RpcClient rpc_;
    TestClientConfig config_;
    std::map<TopicPartition, BrokerId> leaders_;
    std::map<BrokerId, engine::NodeId> brokers_;
    std::size_t next_bootstrap_ = 0;
    std::uint64_t refreshes_ = 0;
    bool last_refresh_ok_ = false;
};

}  // namespace kafkasim::testing
