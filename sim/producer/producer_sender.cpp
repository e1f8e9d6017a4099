// The producer's back half (Kafka's Sender and RecordAccumulator.drain): ready batches into one
// Produce request per leader, answers into acks, retries and failures, expiry after
// delivery.timeout.ms, and the idempotent producer's epoch bump.
#include <algorithm>
#include <set>

#include "sim/producer/producer.h"

namespace kafkasim::producer {

namespace {

// Errors after which Kafka refreshes metadata: InvalidMetadataException and its subclasses.
bool invalidates_metadata(Errc e) {
    switch (e) {
        case Errc::not_leader_or_follower:
        case Errc::unknown_topic_or_partition:
        case Errc::leader_not_available:
        case Errc::fenced_leader_epoch:
        case Errc::unknown_leader_epoch:
        case Errc::kafka_storage_error:
        case Errc::network_exception:
            return true;
        default:
            return false;
    }
}

}  // namespace

bool Producer::blocked_by_reconnect(engine::NodeId dest) const {
    const auto it = reconnect_.find(dest);
    return it != reconnect_.end() && node_.now() < it->second.not_before;
}

// ClusterConnectionStates.ready: a connection the peer accepted resets the backoff.
void Producer::on_connection_ready(engine::NodeId dest) {
    reconnect_.erase(dest);
    run();
}

// NetworkClient.processDisconnection: the broker is held back for reconnect.backoff.ms, doubling
// with each failure up to reconnect.backoff.max.ms, and, as the disconnect may come from stale
// metadata, an update is requested. Requests that were waiting on the connection fail after
// this, each into its own answer (settle).
void Producer::on_connection_lost(engine::NodeId dest) {
    Reconnect& r = reconnect_[dest];
    r.not_before = node_.now() + backoff({config_.reconnect_backoff, config_.reconnect_backoff_max}, r.failures++, random_);
    metadata_.request_update();
    run();
}

// One pass of RecordAccumulator.drain over every partition: at most one batch per partition
// and one request per broker, and only to a leader whose connection is ready (Sender's
// client.ready: a leader not connected yet gets a connection opened, unless it is held back by
// reconnect.backoff.ms, and its batches wait in their queues). Returns whether it sent
// anything (the caller drains again, until the in-flight limits or readiness stop it).
bool Producer::drain() {
    const engine::Instant now = node_.now();
    std::map<engine::NodeId, std::vector<BatchPtr>> requests;
    std::set<engine::NodeId> to_connect;
    for (auto& [tp, queue] : accumulator_.queues()) {
        if (queue.empty() || accumulator_.ready_at(queue) > now) continue;
        const engine::NodeId dest = metadata_.node(metadata_.leader(tp));
        if (dest.is_none()) {
            metadata_.request_update();  // a leader unknown: ask again
            continue;
        }
        if (!rpc_.ready(dest)) {
            if (!blocked_by_reconnect(dest)) to_connect.insert(dest);
            continue;
        }
        // max.in.flight.requests.per.connection = 1 mutes the partition while a batch is out.
        if (config_.max_in_flight == 1 && on_wire_[tp] > 0) continue;
        const auto open = requests.find(dest);
        if (open == requests.end() && rpc_.in_flight(dest) >= static_cast<std::size_t>(config_.max_in_flight)) continue;
        ProducerBatch& first = *queue.front();
        if (idempotence_ == IdempotenceMode::on) {
            if (!idem_.may_drain(first)) continue;
            if (!first.has_sequence()) idem_.assign_sequence(first);
        }
        requests[dest].push_back(queue.front());
        queue.pop_front();
    }
    // After the pass: learning that a connection broke fails its requests back into the queues.
    for (const engine::NodeId dest : to_connect) rpc_.connect(dest);
    for (auto& [dest, batches] : requests) send_request(dest, std::move(batches));
    return !requests.empty();
}

void Producer::send_request(engine::NodeId dest, std::vector<BatchPtr> batches) {
    ProduceRequest request;
    request.acks = config_.acks;
    request.timeout = config_.request_timeout;
    std::int64_t records = 0;
    for (const BatchPtr& b : batches) {
        RecordBatch wire;
        wire.producer_id = b->producer_id;
        wire.producer_epoch = b->producer_epoch;
        wire.base_sequence = b->base_sequence;
        wire.records = b->records;
        request.partitions.push_back({b->tp, std::move(wire)});
        ++b->attempts;
        records += b->count();
        if (b->attempts > 1) ++stats_.batches_retried;
    }
    ++stats_.produce_requests;
    const std::int64_t request_id = next_request_++;
    node_.trace("producer.produce", {{"request", request_id},
                                     {"broker", metadata_.broker_at(dest).value},
                                     {"batches", static_cast<std::int64_t>(batches.size())},
                                     {"records", records},
                                     {"first_partition", batches.front()->tp.str()},
                                     {"first_sequence", static_cast<std::int64_t>(batches.front()->base_sequence.value)},
                                     {"attempt", static_cast<std::int64_t>(batches.front()->attempts)}});
    if (config_.acks == 0) {
        // Kafka expects no answer to acks=0: a batch is done once its request is written to
        // the connection (NetworkClient.handleCompletedSends), and occupies no in-flight slot.
        const bool written = rpc_.send_without_response(dest, std::move(request));
        for (const BatchPtr& b : batches) {
            if (written)
                complete(b, Offset{-1});
            else
                on_batch_result(b, Errc::network_exception, Offset{-1});
        }
        return;
    }
    for (const BatchPtr& b : batches) {
        b->on_wire = true;
        ++on_wire_[b->tp];
    }
    rpc_.send(dest, std::move(request), config_.request_timeout,
              [this, request_id, batches](const rpc::RpcResult& r) { on_produce_response(request_id, batches, r); });
}

void Producer::on_produce_response(std::int64_t request, const std::vector<BatchPtr>& batches,
                                   const rpc::RpcResult& result) {
    node_.trace("producer.response", {{"request", request}, {"error", to_string(result.transport)}});
    // Hold the loop while the request's batches are settled: a callback that sends a record
    // must not drain (or bump the epoch) before every batch of this answer is back in place.
    const bool was_running = running_;
    running_ = true;
    settle(batches, result);
    running_ = was_running;
    run();
}

void Producer::settle(const std::vector<BatchPtr>& batches, const rpc::RpcResult& result) {
    for (const BatchPtr& b : batches) {
        b->on_wire = false;
        --on_wire_[b->tp];
    }
    const auto* response = result.ok() ? std::get_if<ProduceResponse>(&result.body) : nullptr;
    if (response == nullptr) {
        // A broken connection or a request timeout: every batch of the request failed with it.
        // The connection's loss itself was handled first (on_connection_lost).
        const Errc error = result.ok() ? Errc::invalid_request : result.transport;
        metadata_.request_update();
        for (const BatchPtr& b : batches) on_batch_result(b, error, Offset{-1});
    } else {
        for (const BatchPtr& b : batches) {
            const auto it = std::find_if(response->partitions.begin(), response->partitions.end(),
                                         [&](const auto& p) { return p.tp == b->tp; });
            if (it == response->partitions.end())
                on_batch_result(b, Errc::invalid_request, Offset{-1});
            else
                on_batch_result(b, it->error, it->base_offset);
        }
    }
}

// Sender.completeBatch: success, or retry (canRetry), or failure.
void Producer::on_batch_result(const BatchPtr& batch, Errc error, Offset base_offset) {
    if (error == Errc::none) {
        complete(batch, base_offset);
        return;
    }
    if (error == Errc::duplicate_sequence_number) {  // written before, its offset forgotten
        complete(batch, Offset{-1});
        return;
    }
    if (invalidates_metadata(error)) metadata_.request_update();
    const bool in_time = node_.now() < batch->created + config_.delivery_timeout;
    const bool retry = batch->attempts <= config_.retries && in_time &&
                       (idempotence_ == IdempotenceMode::on ? idem_.can_retry(*batch, error) : is_retriable(error));
    if (!retry) {
        if (idempotence_ == IdempotenceMode::on) idem_.on_failed(*batch, error, batch->attempts <= config_.retries);
        fail(batch, error);
        return;
    }
    if (idempotence_ == IdempotenceMode::on && !idem_.tracks(*batch)) {
        // Its numbering was dropped while it was out (a new producer id): numbered afresh.
        batch->base_sequence = no_sequence;
        batch->producer_id = no_producer_id;
        batch->producer_epoch = no_producer_epoch;
    }
    batch->retry_at =
        node_.now() + backoff({config_.retry_backoff, config_.retry_backoff_max}, batch->attempts - 1, random_);
    node_.trace("producer.retry", {{"partition", batch->tp.str()},
                                   {"error", to_string(error)},
                                   {"attempt", static_cast<std::int64_t>(batch->attempts)},
                                   {"base_sequence", static_cast<std::int64_t>(batch->base_sequence.value)},
                                   {"backoff_us", (batch->retry_at - node_.now()).count_us()}});
    accumulator_.reenqueue(batch);
}

void Producer::complete(const BatchPtr& batch, Offset base_offset) {
    if (idempotence_ == IdempotenceMode::on) idem_.on_acked(*batch);
    node_.trace("producer.ack", {{"partition", batch->tp.str()},
                                 {"base_offset", base_offset.value},
                                 {"records", static_cast<std::int64_t>(batch->count())}});
    stats_.records_acked += batch->count();
    for (std::int32_t i = 0; i < batch->count(); ++i) {
        const Offset offset = base_offset.value < 0 ? Offset{-1} : Offset{base_offset.value + i};
        if (history_ != nullptr)
            history_->on_ack(check::AckEvent{node_.name(), batch->records[i].value, batch->tp, Errc::none, offset,
                                             config_.acks, node_.now()});
        if (batch->callbacks[i]) batch->callbacks[i](SendResult{batch->tp, Errc::none, offset});
    }
}

void Producer::fail(const BatchPtr& batch, Errc error) {
    node_.trace("producer.batch_failed", {{"partition", batch->tp.str()},
                                          {"error", to_string(error)},
                                          {"records", static_cast<std::int64_t>(batch->count())},
                                          {"attempts", static_cast<std::int64_t>(batch->attempts)}});
    stats_.records_failed += batch->count();
    for (std::int32_t i = 0; i < batch->count(); ++i) {
        if (history_ != nullptr)
            history_->on_ack(check::AckEvent{node_.name(), batch->records[i].value, batch->tp, error, Offset{-1},
                                             config_.acks, node_.now()});
        if (batch->callbacks[i]) batch->callbacks[i](SendResult{batch->tp, error, Offset{-1}});
    }
}

// RecordAccumulator.expiredBatches: a queued batch past delivery.timeout.ms fails with a
// timeout (Kafka's TimeoutException; REQUEST_TIMED_OUT here). Batches on the wire wait for
// their answer, which request.timeout.ms bounds.
void Producer::expire_batches() {
    const engine::Instant now = node_.now();
    std::vector<BatchPtr> expired;
    for (auto& [tp, queue] : accumulator_.queues()) {
        std::erase_if(queue, [&](const BatchPtr& b) {
            if (now < b->created + config_.delivery_timeout) return false;
            expired.push_back(b);
            return true;
        });
    }
    for (const BatchPtr& b : expired) {
        if (idempotence_ == IdempotenceMode::on) idem_.on_expired(*b);
        fail(b, Errc::request_timed_out);
    }
}

// bumpIdempotentEpochAndResetIdIfNeeded, once no batch of the partitions to renumber is out.
void Producer::maybe_bump_epoch() {
    if (!idem_.bump_requested() || !idem_.has_producer_id()) return;
    for (const TopicPartition& tp : idem_.partitions_to_rewrite())
        if (on_wire_[tp] > 0) return;
    std::map<TopicPartition, std::vector<ProducerBatch*>> queued;
    for (auto& [tp, queue] : accumulator_.queues())
        for (const BatchPtr& b : queue)
            if (b->has_sequence()) queued[tp].push_back(b.get());
    std::string partitions;
    for (const TopicPartition& tp : idem_.partitions_to_rewrite()) partitions += (partitions.empty() ? "" : ",") + tp.str();
    ++stats_.epoch_bumps;
    if (idem_.bump_epoch(queued)) {
        node_.trace("producer.epoch_bump", {{"producer_id", idem_.producer_id().value},
                                            {"epoch", static_cast<std::int64_t>(idem_.epoch().value)},
                                            {"partitions", partitions}});
    } else {
        node_.trace("producer.reset_producer_id", {{"partitions", partitions}});
    }
}

}  // namespace kafkasim::producer
