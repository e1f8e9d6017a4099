// The offset part of Kafka's ConsumerCoordinator: find the group coordinator (FindCoordinator
// to any broker), read the committed offsets (OffsetFetch) and commit (OffsetCommit with
// generation -1 and no member id: a standalone consumer). Errors as ConsumerCoordinator's
// handlers treat them: COORDINATOR_LOAD_IN_PROGRESS retries; NOT_COORDINATOR,
// COORDINATOR_NOT_AVAILABLE, REQUEST_TIMED_OUT and a broken connection forget the coordinator
// and look it up again. commitSync retries retriable errors until default.api.timeout.ms;
// commitAsync and auto-commit try once.
#include <algorithm>

#include "sim/consumer/consumer.h"
#include "sim/consumer/coordinator_errors.h"

namespace kafkasim::consumer {

namespace {

const char* kind_name(CommitKind kind) {
    switch (kind) {
        case CommitKind::auto_commit: return "auto";
        case CommitKind::sync: return "sync";
        case CommitKind::async: return "async";
    }
    return "?";
}

}  // namespace

void Consumer::ensure_coordinator() {
    if (config_.group_id.empty() || coordinator_ || find_in_flight_ || node_.now() < find_retry_at_) return;
    bool needed = !commits_.empty() || group_managed();
    for (const auto& [tp, s] : partitions_) needed = needed || s.state == FetchState::awaiting_committed;
    if (!needed) return;
    find_in_flight_ = true;
    rpc_.send(any_broker(), FindCoordinatorRequest{config_.group_id}, config_.request_timeout,
              [this](const rpc::RpcResult& r) { on_find_coordinator(r); });
}

void Consumer::on_find_coordinator(const rpc::RpcResult& result) {
    find_in_flight_ = false;
    const auto* f = result.ok() ? std::get_if<FindCoordinatorResponse>(&result.body) : nullptr;
    const Errc error = f == nullptr ? (result.ok() ? Errc::invalid_request : result.transport) : f->error;
    if (error == Errc::none) {
        find_failures_ = 0;
        coordinator_ = f->node;
        node_.trace("consumer.coordinator", {{"broker", f->node_id.value}});
    } else {
        ++next_broker_;
        find_retry_at_ = node_.now() + next_backoff(find_failures_++);
        node_.trace("consumer.coordinator_failed", {{"error", to_string(error)}});
        // An async commit does not wait for a coordinator it could not find.
        const auto pending = commits_;
        for (const CommitPtr& c : pending)
            if (c->kind != CommitKind::sync && !c->in_flight) finish_commit(c, Errc::coordinator_not_available);
    }
    run();
}

void Consumer::coordinator_unknown(Errc why) {
    if (!coordinator_) return;
    node_.trace("consumer.coordinator_unknown", {{"error", to_string(why)}});
    const engine::NodeId old = *coordinator_;
    coordinator_.reset();
    // As markCoordinatorUnknown: the coordinator connection closes, failing what is in flight
    // on it (their callbacks run now and find no coordinator).
    coordinator_rpc_.disconnect(old);
}

void Consumer::fetch_committed() {
    if (!coordinator_ || offset_fetch_in_flight_ || node_.now() < offset_fetch_retry_at_) return;
    std::vector<TopicPartition> asked;
    for (const auto& [tp, s] : partitions_)
        if (s.state == FetchState::awaiting_committed) asked.push_back(tp);
    if (asked.empty()) return;
    offset_fetch_in_flight_ = true;
    coordinator_rpc_.send(*coordinator_, OffsetFetchRequest{config_.group_id, asked}, config_.request_timeout,
              [this, asked, sent = node_.now()](const rpc::RpcResult& r) { on_offset_fetch(asked, sent, r); });
}

void Consumer::on_offset_fetch(const std::vector<TopicPartition>& asked, engine::Instant sent, const rpc::RpcResult& result) {
    offset_fetch_in_flight_ = false;
    const auto* f = result.ok() ? std::get_if<OffsetFetchResponse>(&result.body) : nullptr;
    const Errc error = f == nullptr ? (result.ok() ? Errc::invalid_request : result.transport) : f->error;
    node_.trace("consumer.offset_fetch", {{"partitions", static_cast<std::int64_t>(asked.size())}, {"error", to_string(error)}});
    if (error != Errc::none) {
        if (loses_coordinator(error)) coordinator_unknown(error);
        offset_fetch_retry_at_ = node_.now() + next_backoff(offset_fetch_failures_++);
        run();
        return;
    }
    offset_fetch_failures_ = 0;
    for (const auto& p : f->partitions) {
        const auto it = partitions_.find(p.tp);
        if (it == partitions_.end() || it->second.state != FetchState::awaiting_committed) continue;
        PartitionState& s = it->second;
        s.fetched_committed = p.offset;
        s.committed_asked = sent;
        s.committed = p.offset;
        if (p.offset.value >= 0) start_at(p.tp, p.offset, p.leader_epoch, check::PositionSource::committed);
        else s.state = FetchState::awaiting_reset;  // nothing committed: auto.offset.reset
    }
    run();
}

void Consumer::commit(OffsetMap offsets, CommitKind kind, std::function<void(Errc)> done) {
    if (offsets.empty() || config_.group_id.empty()) {
        if (done) done(config_.group_id.empty() ? Errc::invalid_request : Errc::none);
        return;
    }
    auto c = std::make_shared<Commit>();
    c->offsets = std::move(offsets);
    c->kind = kind;
    c->deadline = node_.now() + config_.default_api_timeout;
    c->done = std::move(done);
    c->next_try = node_.now();
    // Sent by the next run of the client; the caller runs it when the loop's state is set.
    commits_.push_back(c);
}

void Consumer::send_commits() {
    // A commitSync that found no coordinator before default.api.timeout.ms gives up
    // (Kafka's TimeoutException).
    const auto waiting = commits_;
    for (const CommitPtr& c : waiting)
        if (!c->in_flight && node_.now() >= c->deadline) finish_commit(c, Errc::request_timed_out);
    // A member outside a generation fails its commits at once: from JoinGroup to SyncGroup's
    // answer it has no generation to commit in (ConsumerCoordinator.sendOffsetCommitRequest:
    // RebalanceInProgressException while it rejoins, CommitFailedException once it lost it).
    if (group_managed() && member_state_ != MemberState::stable && member_state_ != MemberState::preparing) {
        const bool rejoining = member_state_ == MemberState::joining || member_state_ == MemberState::syncing;
        const Errc why = rejoining ? Errc::rebalance_in_progress : Errc::illegal_generation;
        const auto refused = commits_;
        for (const CommitPtr& c : refused)
            if (!c->in_flight) {
                if (history_ != nullptr)
                    for (const auto& [tp, at] : c->offsets)
                        history_->on_commit(check::CommitEvent{ref(), tp, at.first, why, node_.now(), node_.now()});
                finish_commit(c, why);
            }
    }
    // A send can fail at once and its callback run the client again (finishing commits, or
    // sending them): walk a copy and skip what finished or went out meanwhile.
    const auto ready = commits_;
    for (const CommitPtr& c : ready) {
        if (!coordinator_) return;
        if (!pending(c) || c->in_flight || node_.now() < c->next_try) continue;
        c->in_flight = true;
        ++c->attempts;
        c->sent = node_.now();
        ++stats_.commits_sent;
        OffsetCommitRequest request{config_.group_id, no_generation, "", {}, std::nullopt};
        if (group_managed()) {
            request.generation = generation_;
            request.member_id = member_id_;
            request.group_instance_id = config_.group_instance_id;
        }
        for (const auto& [tp, at] : c->offsets) request.partitions.push_back({tp, at.first, at.second, ""});
        node_.trace("consumer.commit", {{"kind", kind_name(c->kind)},
                                        {"partitions", static_cast<std::int64_t>(c->offsets.size())},
                                        {"first_partition", c->offsets.begin()->first.str()},
                                        {"first_offset", c->offsets.begin()->second.first.value},
                                        {"attempt", static_cast<std::int64_t>(c->attempts)}});
        coordinator_rpc_.send(*coordinator_, std::move(request), config_.request_timeout,
                  [this, c](const rpc::RpcResult& r) { on_commit(c, r); });
    }
}

void Consumer::on_commit(const CommitPtr& c, const rpc::RpcResult& result) {
    c->in_flight = false;
    const auto* o = result.ok() ? std::get_if<OffsetCommitResponse>(&result.body) : nullptr;
    Errc error = o == nullptr ? (result.ok() ? Errc::invalid_request : result.transport) : Errc::none;
    if (o != nullptr) {
        for (const auto& p : o->partitions) {
            if (p.error != Errc::none && error == Errc::none) error = p.error;
            const auto at = c->offsets.find(p.tp);
            if (at == c->offsets.end()) continue;
            if (history_ != nullptr)
                history_->on_commit(check::CommitEvent{ref(), p.tp, at->second.first, p.error, node_.now(), c->sent});
            const auto s = partitions_.find(p.tp);
            if (p.error == Errc::none && s != partitions_.end()) s->second.committed = at->second.first;
        }
    } else if (history_ != nullptr) {
        for (const auto& [tp, at] : c->offsets)
            history_->on_commit(check::CommitEvent{ref(), tp, at.first, error, node_.now(), c->sent});
    }
    if (error == Errc::none) {
        ++stats_.commits_acked;
        finish_commit(c, error);
        run();
        return;
    }
    if (group_managed()) on_group_error(error, "OffsetCommit");
    else if (loses_coordinator(error)) coordinator_unknown(error);
    // Losing the coordinator closes its connection: what else was in flight there fails now,
    // and those callbacks run the client, which may have finished this commit (its deadline
    // passed). It finished then; no retry, no second answer.
    if (!pending(c)) return run();
    const engine::Duration wait = next_backoff(c->attempts - 1);
    if (c->kind == CommitKind::sync && is_retriable(error) && node_.now() + wait < c->deadline) {
        c->next_try = node_.now() + wait;
        node_.trace("consumer.commit_retry", {{"error", to_string(error)}, {"backoff_us", wait.count_us()}});
    } else {
        finish_commit(c, error);
    }
    run();
}

bool Consumer::pending(const CommitPtr& c) const {
    return std::find(commits_.begin(), commits_.end(), c) != commits_.end();
}

void Consumer::finish_commit(const CommitPtr& c, Errc error) {
    // A commit finishes once: its application callback runs once, whichever path gets there
    // first (an answer, its deadline, a refusal), however they nest.
    if (std::erase(commits_, c) == 0) return;
    if (error != Errc::none) {
        ++stats_.commits_failed;
        node_.trace("consumer.commit_failed", {{"kind", kind_name(c->kind)}, {"error", to_string(error)}});
    }
    if (c->done) c->done(error);
}

}  // namespace kafkasim::consumer
