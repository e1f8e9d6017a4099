// Group membership, the classic protocol from the member's side (AbstractCoordinator with its
// heartbeat thread, ConsumerCoordinator.onJoinPrepare and onJoinComplete; kafka-semantics.md
// §b, §c):
//   - A join starts only inside poll, as ensureActiveGroup runs there; the application
//     processing in its loop delays it, which is why max.poll.interval.ms is the rebalance
//     timeout. Before it joins the member commits (auto-commit) and waits for the answer; then
//     an eager member revokes everything, a cooperative one keeps its partitions and reports
//     them.
//   - The leader runs the group's assignor over the members' subscriptions and sends
//     everyone's assignment in its SyncGroup; each member takes up its part
//     (consumer_rebalance.cpp).
//   - Heartbeats go every heartbeat.interval.ms while the member is in a generation, whatever
//     the application does (the heartbeat thread); REBALANCE_IN_PROGRESS asks for a rejoin at
//     the next poll, UNKNOWN_MEMBER_ID and ILLEGAL_GENERATION mean the partitions are lost.
//   - A poll that does not come within max.poll.interval.ms makes the heartbeat thread leave
//     the group (a static member only stops: its session has to run out).
#include "sim/consumer/consumer.h"

#include <algorithm>

#include "sim/consumer/coordinator_errors.h"

namespace kafkasim::consumer {

namespace {

Errc error_of(const rpc::RpcResult& r, Errc body_error) {
    return r.ok() ? body_error : r.transport;
}

}  // namespace

bool Consumer::cooperative() const {
    // The highest protocol every configured assignor supports (ConsumerCoordinator's
    // constructor): the default [range, cooperative-sticky] is therefore eager.
    return std::all_of(config_.partition_assignment_strategy.begin(), config_.partition_assignment_strategy.end(),
                       [](assign::Strategy s) { return assign::is_cooperative(s); });
}

void Consumer::request_rejoin(const std::string& why) {
    if (rejoin_needed_) return;
    rejoin_needed_ = true;
    node_.trace("consumer.rejoin_needed", {{"reason", why}, {"generation", generation_.value}});
}

void Consumer::fail_fatally(Errc error) {
    member_state_ = MemberState::fatal;
    node_.trace("consumer.group_fatal", {{"error", to_string(error)}});
    give_up({owned_.begin(), owned_.end()}, check::AssignmentChange::lost);
}

bool Consumer::on_group_error(Errc error, const char* where) {
    switch (error) {
        case Errc::unknown_member_id:
        case Errc::illegal_generation:
            // The coordinator no longer counts this member in the generation: it joins afresh
            // at its next poll, which finds its partitions lost (onJoinPrepare calls
            // onPartitionsLost); until then the application still holds them, and its
            // commits fail in the client (CommitFailedException).
            node_.trace("consumer.member_reset", {{"error", to_string(error)}, {"where", where},
                                                  {"generation", generation_.value}});
            if (error == Errc::unknown_member_id) member_id_.clear();
            generation_ = no_generation;
            pending_assignment_.reset();  // "generation data was cleared": the join does not complete
            if (member_state_ != MemberState::fatal) member_state_ = MemberState::unjoined;
            rejoin_needed_ = true;
            return true;
        case Errc::rebalance_in_progress:
            request_rejoin(std::string("REBALANCE_IN_PROGRESS from ") + where);
            return true;
        case Errc::fenced_instance_id:
            fail_fatally(error);
            return true;
        default:
            if (loses_coordinator(error)) coordinator_unknown(error);
            return false;
    }
}

void Consumer::maybe_join() {
    if (!group_managed() || member_state_ == MemberState::fatal) return;
    if (member_state_ == MemberState::stable && !rejoin_needed_ && metadata_changed())
        request_rejoin("the subscribed topics' partitions changed");
    if (!rejoin_needed_ || member_state_ == MemberState::joining || member_state_ == MemberState::syncing ||
        member_state_ == MemberState::preparing)
        return;
    if (!coordinator_ || !metadata_.has_answer() || node_.now() < join_retry_at_) return;
    prepare_join();
}

// onJoinPrepare, for both protocols: with auto-commit, a member in a stable generation commits
// what it consumed and sends JoinGroup only once that commit is answered (retrying retriable
// errors); then an eager member revokes every partition, a cooperative one keeps them. A member
// outside a stable generation has nothing to commit in (Kafka's CommitFailedException) and
// goes on at once.
void Consumer::prepare_join() {
    rebalance_started_ = node_.now();
    owned_at_start_ = !owned_.empty();
    revoked_in_rebalance_ = 0;
    if (generation_ == no_generation && !owned_.empty()) {
        // Left or fenced since: nothing to commit, the partitions are lost.
        give_up({owned_.begin(), owned_.end()}, check::AssignmentChange::lost);
    }
    if (!auto_commit_ || owned_.empty() || member_state_ != MemberState::stable) return finish_prepare();
    member_state_ = MemberState::preparing;
    commit(all_consumed(), CommitKind::sync, [this](Errc) {
        if (member_state_ == MemberState::preparing) finish_prepare();
    });
}

void Consumer::finish_prepare() {
    if (!cooperative() && !owned_.empty()) {
        revoked_in_rebalance_ += static_cast<std::int64_t>(owned_.size());
        give_up({owned_.begin(), owned_.end()}, check::AssignmentChange::revoked);
    }
    send_join();
}

void Consumer::send_join() {
    member_state_ = MemberState::joining;
    rejoin_needed_ = false;
    JoinGroupRequest request;
    request.group_id = config_.group_id;
    request.session_timeout = config_.session_timeout;
    request.rebalance_timeout = config_.max_poll_interval;
    request.member_id = member_id_;
    request.group_instance_id = config_.group_instance_id;
    for (assign::Strategy s : config_.partition_assignment_strategy)
        request.protocols.emplace_back(assign::strategy_name(s));
    request.subscription.topics = workload_.subscription;
    std::sort(request.subscription.topics.begin(), request.subscription.topics.end());
    request.subscription.owned.assign(owned_.begin(), owned_.end());
    request.subscription.generation = generation_;
    request.client_id = config_.client_id.empty() ? node_.name() : config_.client_id;
    node_.trace("consumer.join", {{"member", member_id_}, {"generation", generation_.value},
                                  {"owned", static_cast<std::int64_t>(owned_.size())}});
    // The coordinator may hold a join for the whole rebalance timeout (AbstractCoordinator's
    // joinGroupTimeoutMs adds 5 s to it).
    coordinator_rpc_.send(*coordinator_, std::move(request), config_.max_poll_interval + engine::Duration::ms(5000),
                          [this](const rpc::RpcResult& r) { on_join(r); });
}

void Consumer::on_join(const rpc::RpcResult& result) {
    if (member_state_ != MemberState::joining) return run();
    const auto* j = result.ok() ? std::get_if<JoinGroupResponse>(&result.body) : nullptr;
    const Errc error = error_of(result, j == nullptr ? Errc::invalid_request : j->error);
    member_state_ = MemberState::unjoined;
    rejoin_needed_ = true;
    if (error == Errc::member_id_required) {
        member_id_ = j->member_id;  // KIP-394: join again at once with it
        node_.trace("consumer.member_id", {{"member", member_id_}});
        return run();
    }
    if (error != Errc::none) {
        node_.trace("consumer.join_failed", {{"error", to_string(error)}});
        if (error == Errc::inconsistent_group_protocol || error == Errc::invalid_session_timeout) fail_fatally(error);
        else if (!on_group_error(error, "JoinGroup")) join_retry_at_ = node_.now() + next_backoff(join_failures_++);
        rejoin_needed_ = member_state_ != MemberState::fatal;
        return run();
    }
    join_failures_ = 0;
    member_id_ = j->member_id;
    generation_ = j->generation;
    protocol_ = j->protocol_name;
    const bool leader = j->leader == member_id_ && !j->members.empty();
    node_.trace("consumer.joined", {{"member", member_id_}, {"generation", generation_.value},
                                    {"protocol", protocol_}, {"leader", leader}});
    rejoin_needed_ = false;
    if (leader && j->skip_assignment) {
        // KIP-814: the group keeps its assignment; the leader only takes up watching the
        // partition counts again.
        assignment_snapshot_ = subscribed_partition_counts();
        send_sync({});
        return run();
    }
    send_sync(leader ? run_assignor(*j) : std::vector<SyncGroupRequest::Assignment>{});
    run();
}

void Consumer::send_sync(std::vector<SyncGroupRequest::Assignment> assignments) {
    member_state_ = MemberState::syncing;
    SyncGroupRequest request{config_.group_id, generation_, member_id_, config_.group_instance_id, protocol_,
                             std::move(assignments)};
    coordinator_rpc_.send(*coordinator_, std::move(request), config_.max_poll_interval + engine::Duration::ms(5000),
                          [this](const rpc::RpcResult& r) { on_sync(r); });
}

void Consumer::on_sync(const rpc::RpcResult& result) {
    if (member_state_ != MemberState::syncing) return run();
    const auto* s = result.ok() ? std::get_if<SyncGroupResponse>(&result.body) : nullptr;
    const Errc error = error_of(result, s == nullptr ? Errc::invalid_request : s->error);
    if (error != Errc::none) {
        node_.trace("consumer.sync_failed", {{"error", to_string(error)}});
        member_state_ = MemberState::unjoined;
        on_group_error(error, "SyncGroup");
        rejoin_needed_ = member_state_ != MemberState::fatal;
        return run();
    }
    member_state_ = MemberState::stable;
    next_heartbeat_ = node_.now() + config_.heartbeat_interval;
    if (loop_ == LoopState::polling) take_assignment(s->assignment);
    else pending_assignment_ = s->assignment;
    run();
}

void Consumer::maybe_heartbeat() {
    if (!group_managed()) return;
    maybe_leave_on_poll_timeout();
    // The heartbeat thread beats while the member is in a generation, also while it
    // rejoins (the coordinator answers REBALANCE_IN_PROGRESS until the join).
    const bool in_generation = generation_ != no_generation &&
                               (member_state_ == MemberState::stable || member_state_ == MemberState::unjoined ||
                                member_state_ == MemberState::preparing);
    if (!in_generation || heartbeat_in_flight_ || !coordinator_ || node_.now() < next_heartbeat_) return;
    heartbeat_in_flight_ = true;
    next_heartbeat_ = node_.now() + config_.heartbeat_interval;
    coordinator_rpc_.send(*coordinator_, HeartbeatRequest{config_.group_id, generation_, member_id_, config_.group_instance_id},
                          config_.request_timeout, [this](const rpc::RpcResult& r) { on_heartbeat(r); });
}

void Consumer::on_heartbeat(const rpc::RpcResult& result) {
    heartbeat_in_flight_ = false;
    const auto* h = result.ok() ? std::get_if<HeartbeatResponse>(&result.body) : nullptr;
    const Errc error = error_of(result, h == nullptr ? Errc::invalid_request : h->error);
    if (error != Errc::none) {
        node_.trace("consumer.heartbeat_failed", {{"error", to_string(error)}, {"generation", generation_.value}});
        // Answers for a generation the member has left since tell nothing.
        if (member_state_ == MemberState::stable || member_state_ == MemberState::unjoined)
            on_group_error(error, "Heartbeat");
        if (loses_coordinator(error)) next_heartbeat_ = node_.now() + config_.retry_backoff;
    }
    run();
}

void Consumer::maybe_leave_on_poll_timeout() {
    if (generation_ == no_generation || loop_ == LoopState::polling) return;
    if (node_.now() < last_poll_ + config_.max_poll_interval) return;
    node_.trace("consumer.poll_timeout", {{"member", member_id_}, {"generation", generation_.value}});
    if (!config_.group_instance_id && coordinator_) {
        LeaveGroupRequest leave{config_.group_id, {{member_id_, std::nullopt}}};
        coordinator_rpc_.send(*coordinator_, std::move(leave), config_.request_timeout, [](const rpc::RpcResult&) {});
        member_id_.clear();
    }
    // The partitions stay with the application until its next poll finds them lost.
    generation_ = no_generation;
    pending_assignment_.reset();
    member_state_ = MemberState::unjoined;
    rejoin_needed_ = true;
}

}  // namespace kafkasim::consumer
