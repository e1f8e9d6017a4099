// Producer: a Kafka producer client on its own node (KafkaProducer, with its Sender,
// RecordAccumulator and the idempotent part of TransactionManager). send() partitions a record
// (partitioner.h), adds it to its partition's batch (record_accumulator.h), and the sender
// drains ready batches into one Produce request per leader it is connected to, at most
// max.in.flight.requests.per.connection per connection, retrying retriable errors with
// exponential backoff until delivery.timeout.ms. Metadata comes from brokers' Metadata answers
// (producer_metadata.h). With idempotence (the default) it first gets a producer id with
// InitProducerId and numbers each partition's batches (idempotence.h).
//
// Every record goes into the history as a send when it is partitioned and as an ack or an
// error when it completes; the history is an observer the producer never reads.
// docs/producer.md tells the story and lists what is simplified.
#pragma once

#include <deque>
#include <map>
#include <optional>

#include "engine/node.h"
#include "engine/random.h"
#include "sim/check/history.h"
#include "sim/producer/backoff.h"
#include "sim/producer/idempotence.h"
#include "sim/producer/partitioner.h"
#include "sim/producer/producer_config.h"
#include "sim/producer/producer_metadata.h"
#include "sim/producer/record_accumulator.h"
#include "sim/rpc/rpc_client.h"

namespace kafkasim::producer {

struct ProducerRecord {
    std::string topic;
    std::optional<std::int32_t> partition;  // ProducerRecord.partition
    std::optional<std::string> key;         // serialized key; nullopt is a null key
    std::string value;                      // unique per record: the history knows records by it
    PayloadFields fields;                   // named payload fields, for the "field" partitioner
};

// Counters for reports and tests; nothing in a run reads them.
struct ProducerStats {
    std::int64_t records_sent = 0;      // send() calls
    std::int64_t records_acked = 0;
    std::int64_t records_failed = 0;
    std::int64_t produce_requests = 0;
    std::int64_t batches_retried = 0;
    std::int64_t metadata_requests = 0;
    std::int64_t epoch_bumps = 0;
};

class Producer : public engine::Process {
public:
    // `history` may be null; it must outlive the producer.
    Producer(engine::Node& node, engine::Network& network, ProducerConfig config, check::HistorySink* history);
    Producer(const Producer&) = delete;
    Producer& operator=(const Producer&) = delete;

    // Sends `record` asynchronously; `done` (may be empty) runs once with its outcome. With a
    // configuration error every record fails at once with INVALID_CONFIG.
    void send(ProducerRecord record, SendCallback done = {});

    const std::optional<ConfigError>& config_error() const { return config_error_; }
    IdempotenceMode idempotence() const { return idempotence_; }
    ProducerId producer_id() const { return idem_.producer_id(); }
    ProducerEpoch producer_epoch() const { return idem_.epoch(); }
    const ProducerStats& stats() const { return stats_; }
    // Records sent and not completed yet.
    std::int64_t pending() const { return stats_.records_sent - stats_.records_acked - stats_.records_failed; }
    // What its metadata says of the cluster (for observers: the visualizer shows stale leaders).
    const ProducerMetadata& metadata() const { return metadata_; }

private:
    struct Waiting {  // a record whose topic's metadata has not arrived yet
        ProducerRecord record;
        SendCallback done;
        engine::Instant deadline;  // max.block.ms
    };

    // producer.cpp: records in, metadata, producer id, the run loop.
    void run();
    void run_once();
    struct QueueShape {
        std::size_t batches = 0;
        std::size_t ready = 0;  // queues whose first batch is ready
    };
    QueueShape queue_shape() const;
    bool quiet_after_append(QueueShape before) const;
    bool quiet_after_append(const Appended& appended) const;
    void place_waiting();
    PartitionChoice choose(const ProducerRecord& record, const TopicPartitions& partitions);
    // Appends the record to its chosen partition, or fails it (nullopt) when the choice is invalid.
    std::optional<Appended> place(ProducerRecord& record, SendCallback& done, const TopicPartitions& partitions,
                                  const PartitionChoice& choice);
    void fail_unplaced(const ProducerRecord& record, const SendCallback& done, TopicPartition tp, Errc error);
    void maybe_refresh_metadata();
    void on_metadata(rpc::RpcResult result);
    void maybe_init_producer_id();
    void on_init_producer_id(rpc::RpcResult result);
    engine::NodeId any_broker();
    void schedule_wake();
    void wake_at(engine::Instant at);

    // producer_sender.cpp: batches out, answers in.
    bool drain();
    void send_request(engine::NodeId dest, std::vector<BatchPtr> batches);
    void on_produce_response(std::int64_t request, const std::vector<BatchPtr>& batches, const rpc::RpcResult& result);
    void settle(const std::vector<BatchPtr>& batches, const rpc::RpcResult& result);
    void on_batch_result(const BatchPtr& batch, Errc error, Offset base_offset);
    void complete(const BatchPtr& batch, Offset base_offset);
    void fail(const BatchPtr& batch, Errc error);
    void expire_batches();
    void maybe_bump_epoch();
    bool blocked_by_reconnect(engine::NodeId dest) const;
    void on_connection_ready(engine::NodeId dest);
    void on_connection_lost(engine::NodeId dest);

    engine::Node& node_;
    ProducerConfig config_;
    check::HistorySink* history_;
    std::optional<ConfigError> config_error_;
    IdempotenceMode idempotence_ = IdempotenceMode::off;
    engine::Random random_;
    rpc::RpcClient rpc_;
    Partitioner partitioner_;
    RecordAccumulator accumulator_;
    ProducerMetadata metadata_;
    IdempotenceState idem_;
    ProducerStats stats_;
    std::deque<Waiting> waiting_;
    struct WaitingScan {  // what the last place_waiting() left: `stuck` records, at this metadata
        std::uint64_t updates = 0;
        std::size_t stuck = 0;
    };
    WaitingScan waiting_scanned_;
    std::map<TopicPartition, std::int32_t> on_wire_;  // batches out per partition
    struct Reconnect {  // ClusterConnectionStates: failures since the last ready connection
        std::int32_t failures = 0;
        engine::Instant not_before;
    };
    std::map<engine::NodeId, Reconnect> reconnect_;
    std::size_t next_broker_ = 0;
    bool metadata_in_flight_ = false;
    std::int32_t metadata_failures_ = 0;
    engine::Instant metadata_retry_at_;
    bool init_in_flight_ = false;
    std::int32_t init_failures_ = 0;
    engine::Instant init_retry_at_;
    engine::TimerId wake_timer_;
    engine::Instant wake_at_;
    bool running_ = false;
    std::int64_t next_request_ = 0;  // numbers Produce requests in the trace
    bool rerun_ = false;
    std::optional<engine::Instant> ran_at_;  // when run() last finished
};

}  // namespace kafkasim::producer
