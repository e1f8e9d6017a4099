// The application loop around the consumer: poll, process (in the loop or on a worker), commit
// (kafka-semantics.md §e "Delivery semantics follow from the commit timing").
#include "sim/consumer/consumer.h"

#include "engine/assert.h"

namespace kafkasim::consumer {

namespace {

const char* processing_name(ProcessingMode m) { return m == ProcessingMode::in_loop ? "in_loop" : "hand_off"; }

const char* commit_name(CommitMode m) {
    switch (m) {
        case CommitMode::automatic: return "auto";
        case CommitMode::sync_after_processing: return "sync_after_processing";
        case CommitMode::async_after_processing: return "async_after_processing";
        case CommitMode::sync_before_processing: return "sync_before_processing";
    }
    return "?";
}

}  // namespace

Consumer::Consumer(engine::Node& node, engine::Network& network, ConsumerConfig config, ConsumerWorkload workload,
                   check::HistorySink* history)
    : node_(node), config_(std::move(config)), workload_(std::move(workload)), history_(history),
      random_(node.sim().random_stream(node.name()).split("consumer").split(std::to_string(node.incarnation()))),
      rpc_(node, network), coordinator_rpc_(node, network) {
    ConfigCheck check = check_config(config_);
    config_error_ = std::move(check.error);
    auto_commit_ = check.auto_commit;
    if (config_error_) {
        node_.trace("consumer.config_error", {{"config", config_error_->config}, {"message", config_error_->message}});
        return;
    }
    if (!workload_.subscription.empty() && config_.group_id.empty())
        config_error_ = ConfigError{"group.id", "To use the group management or offset commit APIs, you must provide a valid group.id"};
    else if (!workload_.subscription.empty() && !workload_.assignment.empty())
        config_error_ = ConfigError{"subscription", "Subscription to topics and manual assignment are mutually exclusive"};
    if (config_error_) {
        node_.trace("consumer.config_error", {{"config", config_error_->config}, {"message", config_error_->message}});
        return;
    }
    for (const std::string& topic : workload_.subscription) metadata_.add_topic(topic);
    last_poll_ = node_.now();
    for (const TopicPartition& tp : workload_.assignment) {
        PartitionState& s = partitions_[tp];
        // Without a group there is nothing committed to read (KafkaConsumer without group.id).
        if (config_.group_id.empty()) s.state = FetchState::awaiting_reset;
        metadata_.add_topic(tp.topic);
    }
    node_.trace("consumer.start", {{"group", config_.group_id},
                                   {"partitions", static_cast<std::int64_t>(partitions_.size())},
                                   {"auto_commit", auto_commit_},
                                   {"processing", processing_name(workload_.processing)},
                                   {"commit", commit_name(workload_.commit)}});
    next_auto_commit_ = node_.now() + config_.auto_commit_interval;
    loop_iteration();
}

Offset Consumer::position(const TopicPartition& tp) const {
    const auto it = partitions_.find(tp);
    return it == partitions_.end() ? Offset{-1} : it->second.position;
}

Offset Consumer::committed(const TopicPartition& tp) const {
    const auto it = partitions_.find(tp);
    return it == partitions_.end() ? Offset{-1} : it->second.committed;
}

// One turn of the application's loop: commit what the worker finished (hand-off with manual
// commits), then call poll.
void Consumer::loop_iteration() {
    if (closed_) return;
    if (closing_) return finish_close();
    if (workload_.processing == ProcessingMode::hand_off && workload_.commit != CommitMode::automatic &&
        workload_.commit != CommitMode::sync_before_processing && processed_ != processed_committed_) {
        // The loop commits what the worker has finished, as such applications do: the
        // consumer is not thread-safe, so the worker cannot commit itself.
        const OffsetMap offsets = processed_;
        if (workload_.commit == CommitMode::sync_after_processing) {
            loop_ = LoopState::committing;
            commit(offsets, CommitKind::sync, [this, offsets](Errc e) {
                if (e == Errc::none) processed_committed_ = offsets;
                poll();
            });
            run();
            return;
        }
        processed_committed_ = offsets;
        commit(offsets, CommitKind::async, {});
    }
    poll();
}

void Consumer::close() {
    if (closing_ || config_error_) return;
    closing_ = true;
    node_.trace("consumer.close_requested", {});
    // A loop waiting in poll returns from it now.
    if (loop_ == LoopState::polling) {
        if (poll_timer_.valid()) node_.cancel_timer(poll_timer_);
        poll_timer_ = node_.set_timer(engine::Duration::zero(), [this] {
            poll_timer_ = {};
            loop_iteration();
        });
    }
}

// ConsumerCoordinator.close: maybeAutoCommitOffsetsSync, then maybeLeaveGroup, whose
// onLeavePrepare revokes every partition.
void Consumer::finish_close() {
    loop_ = LoopState::committing;
    commit(auto_commit_ ? all_consumed() : OffsetMap{}, CommitKind::sync, [this](Errc) {
        give_up({owned_.begin(), owned_.end()}, check::AssignmentChange::revoked);
        if (group_managed() && generation_ != no_generation && !config_.group_instance_id && coordinator_) {
            LeaveGroupRequest leave{config_.group_id, {{member_id_, std::nullopt}}};
            coordinator_rpc_.send(*coordinator_, std::move(leave), config_.request_timeout, [](const rpc::RpcResult&) {});
        }
        closed_ = true;
        if (poll_timer_.valid()) node_.cancel_timer(poll_timer_);
        if (wake_timer_.valid()) node_.cancel_timer(wake_timer_);
        poll_timer_ = {};
        wake_timer_ = {};
        node_.trace("consumer.closed", {{"member", member_id_}});
    });
    run();
}

// KafkaConsumer.poll(poll_timeout): records are returned by the client's run loop as soon as
// some are fetched (deliver); until then poll waits.
void Consumer::poll() {
    loop_ = LoopState::polling;
    last_poll_ = node_.now();
    poll_deadline_ = node_.now() + workload_.poll_timeout;
    poll_wait();
}

// Inside poll, the auto-commit check runs on every pass of its inner loop, and the wait ends
// early for a due auto-commit (ConsumerCoordinator.timeToNextPoll).
void Consumer::poll_wait() {
    maybe_auto_commit();
    engine::Instant wake = poll_deadline_;
    // (An interval of 0 commits at every poll call, not in a busy loop.)
    if (auto_commit_ && config_.auto_commit_interval > engine::Duration::zero() && next_auto_commit_ < wake)
        wake = next_auto_commit_;
    if (poll_timer_.valid()) node_.cancel_timer(poll_timer_);
    poll_timer_ = node_.set_timer_at(wake, [this] {
        poll_timer_ = {};
        if (loop_ != LoopState::polling) return;
        if (node_.now() >= poll_deadline_) loop_iteration();  // poll returned nothing: the loop calls it again
        else poll_wait();
    });
    run();
}

void Consumer::maybe_auto_commit() {
    if (!auto_commit_ || node_.now() < next_auto_commit_) return;
    next_auto_commit_ = node_.now() + config_.auto_commit_interval;
    OffsetMap offsets = all_consumed();
    if (offsets.empty()) return;
    commit(std::move(offsets), CommitKind::auto_commit, [this](Errc e) {
        // A retriable failure tries again after retry.backoff.ms instead of a whole interval.
        if (e != Errc::none && is_retriable(e)) next_auto_commit_ = node_.now() + config_.retry_backoff;
    });
}

// poll returned records: the history and the trace learn of them, then the application acts.
void Consumer::deliver(std::vector<Fetched> records) {
    if (poll_timer_.valid()) node_.cancel_timer(poll_timer_);
    poll_timer_ = {};
    ++stats_.polls;
    stats_.records_polled += static_cast<std::int64_t>(records.size());
    // Records are copied for the history only; the trace needs just the partitions.
    // drain() takes a partition's records together: a record of the partition before it needs
    // no lookup.
    std::map<TopicPartition, std::vector<check::ConsumedRecord>> by_partition;
    std::vector<check::ConsumedRecord>* current = nullptr;
    const TopicPartition* last = nullptr;
    for (const Fetched& f : records) {
        if (last == nullptr || f.tp != *last) {
            current = &by_partition[f.tp];
            last = &f.tp;
        }
        if (history_ != nullptr) current->push_back(f.record);
    }
    if (history_ != nullptr)
        for (auto& [tp, rs] : by_partition) history_->on_poll(check::PollEvent{ref(), tp, std::move(rs), node_.now()});
    node_.trace("consumer.poll", {{"records", static_cast<std::int64_t>(records.size())},
                                  {"partitions", static_cast<std::int64_t>(by_partition.size())},
                                  {"first_partition", records.front().tp.str()},
                                  {"first_offset", records.front().record.offset.value}});
    if (workload_.commit == CommitMode::sync_before_processing) {
        loop_ = LoopState::committing;
        commit(all_consumed(), CommitKind::sync,
               [this, records = std::move(records)](Errc) mutable { start_processing(std::move(records)); });
        run();
        return;
    }
    start_processing(std::move(records));
}

void Consumer::start_processing(std::vector<Fetched> records) {
    if (workload_.processing == ProcessingMode::hand_off) {
        for (Fetched& f : records) worker_queue_.push_back(std::move(f));
        work_hand_off();
        // The loop polls again at once; a timer keeps the call stack flat.
        loop_ = LoopState::processing;
        node_.set_timer(engine::Duration::zero(), [this] { loop_iteration(); });
        return;
    }
    loop_ = LoopState::processing;
    batch_.assign(std::make_move_iterator(records.begin()), std::make_move_iterator(records.end()));
    process_in_loop();
}

void Consumer::process_in_loop() {
    if (workload_.processing_time <= engine::Duration::zero()) {
        while (!batch_.empty()) {
            record_processed(batch_.front());
            batch_.pop_front();
        }
    }
    if (batch_.empty()) {
        after_in_loop_batch();
        return;
    }
    node_.set_timer(workload_.processing_time, [this] {
        SIM_ASSERT(!batch_.empty(), "one processing timer at a time walks the loop's batch");
        record_processed(batch_.front());
        batch_.pop_front();
        process_in_loop();
    });
}

void Consumer::after_in_loop_batch() {
    if (workload_.commit == CommitMode::sync_after_processing) {
        loop_ = LoopState::committing;
        commit(all_consumed(), CommitKind::sync, [this](Errc) { loop_iteration(); });
        run();
        return;
    }
    if (workload_.commit == CommitMode::async_after_processing) commit(all_consumed(), CommitKind::async, {});
    loop_iteration();
}

void Consumer::work_hand_off() {
    if (worker_busy_ || worker_queue_.empty()) return;
    worker_busy_ = true;
    node_.set_timer(workload_.processing_time, [this] {
        worker_busy_ = false;
        if (closed_) return;  // the application stopped its worker with the consumer
        SIM_ASSERT(!worker_queue_.empty(), "the worker processes what it was handed");
        record_processed(worker_queue_.front());
        worker_queue_.pop_front();
        work_hand_off();
    });
}

void Consumer::record_processed(const Fetched& f) {
    ++stats_.records_processed;
    processed_[f.tp] = {f.record.offset.next(), f.epoch};
    if (history_ != nullptr) history_->on_process(check::ProcessEvent{ref(), f.tp, f.record, node_.now()});
}

}  // namespace kafkasim::consumer
