// The consumer's network side and the loop that drives it whenever something changed
// (ConsumerNetworkClient.poll, Metadata refreshes as NetworkClient.maybeUpdate does them).
#include "sim/consumer/consumer.h"

#include <algorithm>

namespace kafkasim::consumer {

check::ConsumerRef Consumer::ref() const {
    return check::ConsumerRef{node_.name(), node_.incarnation(), config_.group_id, generation_};
}

engine::Duration Consumer::next_backoff(std::int32_t failures) {
    return producer::backoff({config_.retry_backoff, config_.retry_backoff_max}, failures, random_);
}

engine::NodeId Consumer::any_broker() {
    std::vector<engine::NodeId> nodes = metadata_.broker_nodes();
    if (nodes.empty()) nodes = config_.bootstrap;
    return nodes[next_broker_ % nodes.size()];
}

void Consumer::run() {
    if (config_error_ || closed_) return;
    if (running_) {  // an answer or the application asked from inside the loop
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
}

void Consumer::run_once() {
    maybe_refresh_metadata();
    ensure_coordinator();
    maybe_heartbeat();
    // An assignment that arrived while the application processed is taken up in its poll.
    if (loop_ == LoopState::polling && pending_assignment_) take_assignment(*std::exchange(pending_assignment_, std::nullopt));
    // A join starts only inside poll (ensureActiveGroup); one under way goes on meanwhile.
    if (loop_ == LoopState::polling) maybe_join();
    fetch_committed();
    reset_positions();
    send_commits();
    // The classic consumer sends fetches only inside poll (its network client runs there):
    // while the application processes in the loop, no new fetch goes out.
    if (loop_ != LoopState::polling) return;
    // The application may have come back to poll during this pass: poll rejoins before it
    // fetches, so a member that lost its generation returns nothing of its old partitions.
    maybe_join();
    // An eager member's poll is inside onJoinPrepare, committing before it revokes: it returns
    // nothing until then. A cooperative member keeps its partitions and goes on reading them.
    if (member_state_ == MemberState::preparing && !cooperative()) return;
    send_fetches();
    std::vector<Fetched> records = drain();
    if (records.empty()) return;
    send_fetches();  // Kafka pipelines the next fetch before handing records back
    deliver(std::move(records));
}

// Up to max.poll.records buffered records, partition by partition from a rotating start;
// each partition's position moves past what is returned (Fetcher.collectFetch).
std::vector<Consumer::Fetched> Consumer::drain() {
    std::vector<Fetched> out;
    if (partitions_.empty()) return out;
    const std::size_t n = partitions_.size();
    // Reserved at once: growing `out` a doubling at a time moved every record taken so far.
    std::size_t buffered = 0;
    for (const auto& [tp, s] : partitions_) buffered += s.buffered.size();
    out.reserve(std::min(buffered, static_cast<std::size_t>(std::max(config_.max_poll_records, 0))));
    for (std::size_t i = 0; i < n && static_cast<std::int32_t>(out.size()) < config_.max_poll_records; ++i) {
        auto it = std::next(partitions_.begin(), static_cast<std::ptrdiff_t>((drain_start_ + i) % n));
        PartitionState& s = it->second;
        while (!s.buffered.empty() && static_cast<std::int32_t>(out.size()) < config_.max_poll_records) {
            Fetched f = std::move(s.buffered.front());
            s.buffered.pop_front();
            s.position = f.record.offset.next();
            s.position_epoch = f.epoch;
            out.push_back(std::move(f));
        }
    }
    if (!out.empty()) drain_start_ = (drain_start_ + 1) % n;
    return out;
}

// SubscriptionState.allConsumed: every partition's position, with the epoch of the last record.
Consumer::OffsetMap Consumer::all_consumed() const {
    OffsetMap out;
    for (const auto& [tp, s] : partitions_)
        if (s.state == FetchState::fetching && s.position.value >= 0) out[tp] = {s.position, s.position_epoch};
    return out;
}

void Consumer::maybe_refresh_metadata() {
    if (metadata_in_flight_ || node_.now() < metadata_retry_at_) return;
    const bool expired = node_.now() >= metadata_.last_update() + config_.metadata_max_age;
    const bool requested = metadata_.update_requested() && node_.now() >= metadata_.last_update() + config_.retry_backoff;
    if (metadata_.has_answer() && !expired && !requested) return;
    metadata_in_flight_ = true;
    ++stats_.metadata_requests;
    rpc_.send(any_broker(), MetadataRequest{metadata_.topics()}, config_.request_timeout,
              [this](rpc::RpcResult r) { on_metadata(std::move(r)); });
}

void Consumer::on_metadata(rpc::RpcResult result) {
    metadata_in_flight_ = false;
    const auto* m = result.ok() ? std::get_if<MetadataResponse>(&result.body) : nullptr;
    if (m == nullptr) {
        ++next_broker_;
        metadata_retry_at_ = node_.now() + next_backoff(metadata_failures_++);
        node_.trace("consumer.metadata_failed", {{"error", to_string(result.ok() ? Errc::invalid_request : result.transport)}});
    } else {
        metadata_failures_ = 0;
        metadata_.update(*m, node_.now());
        std::int64_t leaderless = 0;
        for (const auto& t : m->topics)
            for (const auto& p : t.partitions) leaderless += p.leader == no_broker ? 1 : 0;
        node_.trace("consumer.metadata", {{"brokers", static_cast<std::int64_t>(m->brokers.size())},
                                          {"topics", static_cast<std::int64_t>(m->topics.size())},
                                          {"leaderless", leaderless}});
    }
    run();
}

void Consumer::schedule_wake() {
    const engine::Instant now = node_.now();
    std::optional<engine::Instant> earliest;
    auto consider = [&](engine::Instant at) {
        if (at > now && (!earliest || at < *earliest)) earliest = at;
    };
    if (metadata_.has_answer()) consider(metadata_.last_update() + config_.metadata_max_age);
    if (metadata_.update_requested()) consider(std::max(metadata_.last_update() + config_.retry_backoff, metadata_retry_at_));
    consider(metadata_retry_at_);
    consider(find_retry_at_);
    if (group_managed() && generation_ != no_generation) {
        consider(next_heartbeat_);
        consider(last_poll_ + config_.max_poll_interval);
    }
    if (group_managed()) consider(join_retry_at_);
    consider(offset_fetch_retry_at_);
    for (const auto& [tp, s] : partitions_)
        if (s.state == FetchState::awaiting_reset || s.state == FetchState::fetching) consider(s.retry_at);
    for (const CommitPtr& c : commits_)
        if (!c->in_flight) {
            consider(c->next_try);
            consider(c->deadline);
        }
    if (earliest) wake_at(*earliest);
}

void Consumer::wake_at(engine::Instant at) {
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

}  // namespace kafkasim::consumer
