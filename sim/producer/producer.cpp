// The producer's front half: records in (KafkaProducer.doSend, waitOnMetadata), metadata
// refreshes (Metadata, NetworkClient.maybeUpdate), the producer id (InitProducerId) and the
// loop that runs the sender whenever something changed (Sender.runOnce).
#include "sim/producer/producer.h"

#include <algorithm>

namespace kafkasim::producer {

namespace {

PartitionerConfig partitioner_config(const ProducerConfig& c) {
    return PartitionerConfig{std::max(c.batch_size, 1), c.partitioner_ignore_keys, c.partitioner};
}

}  // namespace

Producer::Producer(engine::Node& node, engine::Network& network, ProducerConfig config, check::HistorySink* history)
    : node_(node), config_(std::move(config)), history_(history),
      random_(node.sim().random_stream(node.name()).split("producer").split(std::to_string(node.incarnation()))),
      rpc_(node, network), partitioner_(partitioner_config(config_), random_),
      accumulator_(std::max(config_.batch_size, 1), config_.linger) {
    ConfigCheck check = check_config(config_);
    config_error_ = std::move(check.error);
    idempotence_ = check.idempotence;
    if (config_error_) {
        node_.trace("producer.config_error", {{"config", config_error_->config}, {"message", config_error_->message}});
        return;
    }
    rpc_.set_listener(rpc::ConnectionListener{[this](engine::NodeId dest) { on_connection_ready(dest); },
                                              [this](engine::NodeId dest) { on_connection_lost(dest); }});
    node_.trace("producer.start", {{"acks", static_cast<std::int64_t>(config_.acks)},
                                   {"idempotence", idempotence_ == IdempotenceMode::on},
                                   {"max_in_flight", static_cast<std::int64_t>(config_.max_in_flight)}});
    run();
}

void Producer::send(ProducerRecord record, SendCallback done) {
    ++stats_.records_sent;
    if (config_error_) {
        fail_unplaced(record, done, TopicPartition{record.topic, -1}, Errc::invalid_config);
        return;
    }
    metadata_.add_topic(record.topic);
    // The common case, placed at once: outside the loop, with nothing waiting and the topic
    // known, run() would begin by placing exactly this record (place_waiting), so skipping the
    // waiting queue changes nothing but a push and an erase per record.
    if (!running_ && waiting_.empty()) {
        if (const TopicPartitions* partitions = metadata_.partitions(record.topic)) {
            const PartitionChoice choice = choose(record, *partitions);
            if (choice.invalid) {
                // It fails at once, and its callback may send again: compare every queue.
                const QueueShape before = queue_shape();
                place(record, done, *partitions, choice);
                if (!quiet_after_append(before)) run();
                return;
            }
            const std::optional<Appended> appended = place(record, done, *partitions, choice);
            if (!quiet_after_append(*appended)) run();
            return;
        }
    }
    waiting_.push_back(Waiting{std::move(record), std::move(done), node_.now() + config_.max_block});
    run();
}

void Producer::fail_unplaced(const ProducerRecord& record, const SendCallback& done, TopicPartition tp, Errc error) {
    ++stats_.records_failed;
    if (history_ != nullptr) {
        history_->on_send(check::SendEvent{node_.name(), record.value, tp, node_.now(), node_.incarnation()});
        history_->on_ack(check::AckEvent{node_.name(), record.value, tp, error, Offset{-1}, config_.acks, node_.now()});
    }
    if (done) done(SendResult{std::move(tp), error, Offset{-1}});
}

// Records go out in the order they were sent, as KafkaProducer.send blocks until its topic's
// metadata is known; a record still unknown after max.block.ms fails. The records a scan left
// waiting stay so until the metadata changes or the first of them expires (deadlines grow along
// the queue): those are not looked at again, or records sent while a topic is unknown would
// cost a scan of all the waiting ones each.
void Producer::place_waiting() {
    const bool unchanged = metadata_.updates() == waiting_scanned_.updates && !waiting_.empty() &&
                           node_.now() < waiting_.front().deadline;
    const std::size_t skip = unchanged ? std::min(waiting_scanned_.stuck, waiting_.size()) : 0;
    // By index, and each record taken out before its callback can run: a callback may send
    // again, which appends to waiting_ (and invalidates its iterators) while this scan runs.
    for (std::size_t i = skip; i < waiting_.size();) {
        const TopicPartitions* partitions = metadata_.partitions(waiting_[i].record.topic);
        if (partitions == nullptr && node_.now() < waiting_[i].deadline) {
            metadata_.request_update();
            ++i;
            continue;
        }
        Waiting w = std::move(waiting_[i]);
        waiting_.erase(waiting_.begin() + static_cast<std::ptrdiff_t>(i));
        if (partitions != nullptr) {
            place(w.record, w.done, *partitions, choose(w.record, *partitions));
        } else {
            fail_unplaced(w.record, w.done, TopicPartition{w.record.topic, -1}, Errc::unknown_topic_or_partition);
        }
    }
    waiting_scanned_ = {metadata_.updates(), waiting_.size()};
}

PartitionChoice Producer::choose(const ProducerRecord& record, const TopicPartitions& partitions) {
    const ProducerRecordView view{record.partition, record.key ? std::optional<std::string_view>(*record.key) : std::nullopt,
                                  &record.fields};
    return partitioner_.partition(record.topic, view, partitions);
}

std::optional<Appended> Producer::place(ProducerRecord& record, SendCallback& done, const TopicPartitions& partitions,
                                        const PartitionChoice& choice) {
    TopicPartition tp{record.topic, choice.partition};
    if (choice.invalid) {  // Kafka: "Invalid partition given with record"
        fail_unplaced(record, done, std::move(tp), Errc::unknown_topic_or_partition);
        return std::nullopt;
    }
    if (history_ != nullptr) history_->on_send(check::SendEvent{node_.name(), record.value, tp, node_.now(), node_.incarnation()});
    const Appended appended = accumulator_.append(
        tp, Record{std::move(record.key), std::move(record.value), node_.now().ms()}, std::move(done), node_.now());
    partitioner_.record_appended(tp.topic, choice, partitions, static_cast<std::int32_t>(appended.bytes));
    return appended;
}

void Producer::run() {
    if (config_error_) return;
    if (running_) {  // a callback sent a record from inside the loop
        rerun_ = true;
        return;
    }
    running_ = true;
    do {
        rerun_ = false;
        run_once();
    } while (rerun_);
    running_ = false;
    schedule_wake();
    ran_at_ = node_.now();
}

Producer::QueueShape Producer::queue_shape() const {
    QueueShape shape;
    const engine::Instant now = node_.now();
    for (const auto& [tp, queue] : accumulator_.queues()) {
        shape.batches += queue.size();
        if (!queue.empty() && accumulator_.ready_at(queue) <= now) ++shape.ready;
    }
    return shape;
}

// Whether a run now would do nothing, after a record was placed outside the loop. The loop
// already ran at this instant and ended with nothing it could drain, and everything else that
// changes the producer's state runs it again, so only appends happened since. If the record
// joined a batch that was there (no new batch, so none was closed) and made no first batch
// ready, a run would find the same batches ready and blocked, nothing to expire or renumber,
// and would schedule the wake-up already set (it looks only at first batches' times).
bool Producer::quiet_after_append(QueueShape before) const {
    if (ran_at_ != node_.now()) return false;
    const QueueShape after = queue_shape();
    return after.batches == before.batches && after.ready == before.ready;
}

// The same from what the append did: it changed its own queue only, so the shape is unchanged
// exactly when the append started no batch and left the queue's readiness as it was.
bool Producer::quiet_after_append(const Appended& appended) const {
    return ran_at_ == node_.now() && !appended.new_batch && !appended.ready_changed;
}

void Producer::run_once() {
    place_waiting();
    expire_batches();
    if (idempotence_ == IdempotenceMode::on) {
        idem_.resolve_sequences();
        maybe_bump_epoch();
        maybe_init_producer_id();
    }
    while (drain()) {
    }
    accumulator_.prune();
    maybe_refresh_metadata();
}

// The next broker in turn that is not held back by reconnect.backoff.ms, as
// NetworkClient.leastLoadedNode passes over blacked-out nodes; if all are, the next in turn.
engine::NodeId Producer::any_broker() {
    std::vector<engine::NodeId> nodes = metadata_.broker_nodes();
    if (nodes.empty()) nodes = config_.bootstrap;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const engine::NodeId node = nodes[(next_broker_ + i) % nodes.size()];
        if (!blocked_by_reconnect(node)) return node;
    }
    return nodes[next_broker_ % nodes.size()];
}

void Producer::maybe_refresh_metadata() {
    if (metadata_in_flight_ || node_.now() < metadata_retry_at_) return;
    const bool expired = node_.now() >= metadata_.last_update() + config_.metadata_max_age;
    // A requested update still waits retry.backoff.ms after the last one (Metadata's refresh backoff).
    const bool requested =
        metadata_.update_requested() && node_.now() >= metadata_.last_update() + config_.retry_backoff;
    if (metadata_.has_answer() && !expired && !requested) return;
    metadata_in_flight_ = true;
    ++stats_.metadata_requests;
    rpc_.send(any_broker(), MetadataRequest{metadata_.topics()}, config_.request_timeout,
              [this](rpc::RpcResult r) { on_metadata(std::move(r)); });
}

void Producer::on_metadata(rpc::RpcResult result) {
    metadata_in_flight_ = false;
    const auto* m = result.ok() ? std::get_if<MetadataResponse>(&result.body) : nullptr;
    if (m == nullptr) {
        ++next_broker_;  // ask another broker next time
        metadata_retry_at_ = node_.now() + backoff({config_.retry_backoff, config_.retry_backoff_max},
                                                   metadata_failures_++, random_);
        node_.trace("producer.metadata_failed", {{"error", to_string(result.ok() ? Errc::invalid_request : result.transport)}});
    } else {
        metadata_failures_ = 0;
        metadata_.update(*m, node_.now());
        std::int64_t leaderless = 0;
        for (const auto& t : m->topics)
            for (const auto& p : t.partitions) leaderless += p.leader == no_broker ? 1 : 0;
        node_.trace("producer.metadata", {{"brokers", static_cast<std::int64_t>(m->brokers.size())},
                                          {"topics", static_cast<std::int64_t>(m->topics.size())},
                                          {"leaderless", leaderless}});
    }
    run();
}

void Producer::maybe_init_producer_id() {
    if (idem_.has_producer_id() || init_in_flight_ || node_.now() < init_retry_at_) return;
    init_in_flight_ = true;
    rpc_.send(any_broker(), InitProducerIdRequest{}, config_.request_timeout,
              [this](rpc::RpcResult r) { on_init_producer_id(std::move(r)); });
}

void Producer::on_init_producer_id(rpc::RpcResult result) {
    init_in_flight_ = false;
    const auto* a = result.ok() ? std::get_if<InitProducerIdResponse>(&result.body) : nullptr;
    const Errc error = a == nullptr ? (result.ok() ? Errc::invalid_request : result.transport) : a->error;
    if (error == Errc::none) {
        init_failures_ = 0;
        idem_.set_producer_id(a->producer_id, a->producer_epoch);
        node_.trace("producer.init_producer_id",
                    {{"producer_id", a->producer_id.value}, {"epoch", static_cast<std::int64_t>(a->producer_epoch.value)}});
    } else {
        // Every InitProducerId error is retried for an idempotent producer (its handler re-enqueues
        // on retriable errors; the others cannot come from a broker without transactions).
        ++next_broker_;
        init_retry_at_ = node_.now() + backoff({config_.retry_backoff, config_.retry_backoff_max}, init_failures_++, random_);
        node_.trace("producer.init_producer_id_failed", {{"error", to_string(error)}});
    }
    run();
}

void Producer::schedule_wake() {
    const engine::Instant now = node_.now();
    std::optional<engine::Instant> earliest;
    auto consider = [&](engine::Instant at) {
        if (at > now && (!earliest || at < *earliest)) earliest = at;
    };
    for (const auto& [tp, queue] : accumulator_.queues()) {
        if (queue.empty()) continue;
        consider(accumulator_.ready_at(queue));
        consider(queue.front()->created + config_.delivery_timeout);
    }
    // Deadlines grow along the queue: the first one still ahead is the earliest.
    const auto ahead = std::find_if(waiting_.begin(), waiting_.end(), [now](const Waiting& w) { return w.deadline > now; });
    if (ahead != waiting_.end()) consider(ahead->deadline);
    if (metadata_.has_answer()) consider(metadata_.last_update() + config_.metadata_max_age);
    if (metadata_.update_requested()) consider(std::max(metadata_.last_update() + config_.retry_backoff, metadata_retry_at_));
    consider(metadata_retry_at_);
    consider(init_retry_at_);
    for (const auto& [dest, r] : reconnect_) consider(r.not_before);
    if (earliest) wake_at(*earliest);
}

void Producer::wake_at(engine::Instant at) {
    if (wake_timer_.valid()) {
        if (wake_at_ <= at) return;
        node_.cancel_timer(wake_timer_);
    }
    wake_at_ = at;
    wake_timer_ = node_.set_timer_at(at, [this] {
        wake_timer_ = {};
        run();
    });
}

}  // namespace kafkasim::producer
