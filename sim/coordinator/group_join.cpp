// JoinGroup and the join phase of a rebalance (GroupCoordinator.handleJoinGroup,
// doNewMemberJoinGroup, doStaticMemberJoinGroup, doCurrentMemberJoinGroup, prepareRebalance,
// InitialDelayedJoin, onCompleteJoin).
#include <algorithm>
#include <utility>

#include "engine/assert.h"
#include "sim/coordinator/group.h"

namespace kafkasim::coordinator {

namespace {

JoinGroupResponse join_error(Errc error, std::string member_id = "") {
    JoinGroupResponse r;
    r.error = error;
    r.member_id = std::move(member_id);
    return r;
}

}  // namespace

void ClassicGroup::join(const JoinGroupRequest& request, engine::Instant now, JoinCallback answer) {
    if (request.session_timeout < config_.min_session_timeout || request.session_timeout > config_.max_session_timeout)
        return answer(join_error(Errc::invalid_session_timeout, request.member_id));
    if (state_ == GroupState::dead) return answer(join_error(Errc::coordinator_not_available, request.member_id));
    if (!supports_protocols(request)) return answer(join_error(Errc::inconsistent_group_protocol, request.member_id));
    if (request.member_id.empty()) return join_new_member(request, now, answer);
    join_current_member(request, now, answer);
}

bool ClassicGroup::supports_protocols(const JoinGroupRequest& request) const {
    if (request.protocol_type.empty() || request.protocols.empty()) return false;
    if (members_.empty()) return true;
    if (request.protocol_type != consumer_protocol_type) return false;
    // Some protocol of the joiner's must be offered by every member (the joiner counted with
    // what it offered before, as Kafka counts it).
    return std::any_of(request.protocols.begin(), request.protocols.end(), [&](const std::string& p) {
        return std::all_of(members_.begin(), members_.end(), [&](const Member& m) {
            return std::find(m.protocols.begin(), m.protocols.end(), p) != m.protocols.end();
        });
    });
}

void ClassicGroup::join_new_member(const JoinGroupRequest& request, engine::Instant now, JoinCallback& answer) {
    if (request.group_instance_id) {
        const auto it = static_members_.find(*request.group_instance_id);
        std::string old_id = it == static_members_.end() ? std::string() : it->second;
        return join_static_member(request, std::move(old_id), now, answer);
    }
    // KIP-394: hand out the id first; the member joins with it, or the id expires.
    std::string member_id = new_member_id_(request.client_id);
    pending_.emplace(member_id, now + request.session_timeout);
    emit("member_id_required", member_id, "");
    answer(join_error(Errc::member_id_required, std::move(member_id)));
}

void ClassicGroup::join_static_member(const JoinGroupRequest& request, std::string old_id, engine::Instant now,
                                      JoinCallback& answer) {
    std::string member_id = new_member_id_(*request.group_instance_id);
    if (old_id.empty()) return add_member_and_rebalance(request, std::move(member_id), now, std::move(answer));
    Member* member = find(old_id);
    SIM_ASSERT(member != nullptr, "a static member's id maps to a member");
    // The old incarnation's parked answers learn it was replaced.
    if (member->awaiting_join) std::exchange(member->awaiting_join, {})(join_error(Errc::fenced_instance_id, old_id));
    if (member->awaiting_sync) {
        SyncGroupResponse fenced;
        fenced.error = Errc::fenced_instance_id;
        std::exchange(member->awaiting_sync, {})(fenced);
    }
    const std::string old_protocol = state_ == GroupState::stable ? select_protocol() : std::string();
    member->id = member_id;
    static_members_[*request.group_instance_id] = member_id;
    if (leader_ == old_id) leader_ = member_id;
    if (pending_sync_.erase(old_id) != 0) pending_sync_.insert(member_id);
    emit("member_fenced", old_id, "replaced by " + member_id);
    switch (state_) {
        case GroupState::stable: {
            member->protocols = request.protocols;
            member->subscription = request.subscription;
            member->session_timeout = request.session_timeout;
            member->rebalance_timeout = request.rebalance_timeout;
            if (select_protocol() != old_protocol) return update_member_and_rebalance(*member, request, now, std::move(answer));
            // KIP-345: same protocol, no rebalance; the member syncs and gets its old assignment.
            // Kafka answers after writing the new member id; here the write follows the answer.
            schedule_session(*member, now);
            write_ = GroupWrite{record(now), false};
            JoinGroupResponse r = join_result(*member);
            r.skip_assignment = member->id == leader_;
            return answer(std::move(r));
        }
        case GroupState::completing_rebalance:
        case GroupState::preparing_rebalance:
            return update_member_and_rebalance(*member, request, now, std::move(answer));
        case GroupState::empty:
        case GroupState::dead:
            break;
    }
    SIM_ASSERT(false, "an Empty or Dead group has no static members");
}

void ClassicGroup::join_current_member(const JoinGroupRequest& request, engine::Instant now, JoinCallback& answer) {
    if (pending_.erase(request.member_id) != 0)
        return add_member_and_rebalance(request, request.member_id, now, std::move(answer));
    if (const auto error = validate_member(request.member_id, request.group_instance_id))
        return answer(join_error(*error, request.member_id));
    Member& member = *find(request.member_id);
    const bool same = member.protocols == request.protocols && member.subscription == request.subscription;
    switch (state_) {
        case GroupState::preparing_rebalance:
            return update_member_and_rebalance(member, request, now, std::move(answer));
        case GroupState::completing_rebalance:
            // A lost JoinGroup answer asked again: the same answer, no new rebalance.
            if (same) return answer(join_result(member));
            return update_member_and_rebalance(member, request, now, std::move(answer));
        case GroupState::stable:
            // The leader rejoining (to notice new partitions, say) or a changed subscription
            // rebalances; a follower's plain rejoin is answered with the current generation.
            if (member.id == leader_ || !same) return update_member_and_rebalance(member, request, now, std::move(answer));
            return answer(join_result(member));
        case GroupState::empty:
        case GroupState::dead:
            return answer(join_error(Errc::unknown_member_id, request.member_id));
    }
}

void ClassicGroup::add_member_and_rebalance(const JoinGroupRequest& request, std::string member_id, engine::Instant now,
                                            JoinCallback answer) {
    Member m;
    m.id = member_id;
    m.instance_id = request.group_instance_id;
    m.client_id = request.client_id;
    m.session_timeout = request.session_timeout;
    m.rebalance_timeout = request.rebalance_timeout;
    m.protocols = request.protocols;
    m.subscription = request.subscription;
    m.awaiting_join = std::move(answer);
    m.is_new = true;
    // A new member must send its join within NewMemberJoinTimeoutMs or go.
    m.session_deadline = now + config_.new_member_join_timeout;
    if (m.instance_id) static_members_[*m.instance_id] = member_id;
    if (leader_.empty()) leader_ = member_id;
    members_.push_back(std::move(m));
    emit("member_added", member_id, "");
    // Only the first generation's join phase waits for more newcomers (InitialDelayedJoin).
    if (state_ == GroupState::preparing_rebalance && generation_.value == 0) new_member_added_ = true;
    if (state_ == GroupState::preparing_rebalance) return maybe_complete_join(now);
    prepare_rebalance(now, "member " + member_id + " joined");
}

void ClassicGroup::update_member_and_rebalance(Member& member, const JoinGroupRequest& request, engine::Instant now,
                                               JoinCallback answer) {
    member.protocols = request.protocols;
    member.subscription = request.subscription;
    member.session_timeout = request.session_timeout;
    member.rebalance_timeout = request.rebalance_timeout;
    member.awaiting_join = std::move(answer);
    if (state_ == GroupState::preparing_rebalance) return maybe_complete_join(now);
    prepare_rebalance(now, "member " + member.id + " rejoined");
}

void ClassicGroup::prepare_rebalance(engine::Instant now, const std::string& why) {
    // Members waiting for the previous round's assignment must join again.
    if (state_ == GroupState::completing_rebalance) fail_parked_syncs(Errc::rebalance_in_progress);
    pending_sync_.clear();
    sync_deadline_.reset();
    const engine::Duration timeout = rebalance_timeout();
    if (state_ == GroupState::empty) {
        const engine::Duration delay = std::min(config_.initial_rebalance_delay, timeout);
        initial_delay_ = true;
        initial_remaining_ = timeout - delay;
        new_member_added_ = false;
        join_deadline_ = now + delay;
    } else {
        initial_delay_ = false;
        join_deadline_ = now + timeout;
    }
    move_to(GroupState::preparing_rebalance);
    emit("rebalance", "", why);
    maybe_complete_join(now);
}

bool ClassicGroup::all_joined() const {
    return pending_.empty() &&
           std::all_of(members_.begin(), members_.end(), [](const Member& m) { return bool(m.awaiting_join); });
}

void ClassicGroup::maybe_complete_join(engine::Instant now) {
    if (state_ != GroupState::preparing_rebalance || initial_delay_) return;
    if (all_joined()) complete_join(now);
}

void ClassicGroup::on_join_deadline(engine::Instant now) {
    join_deadline_.reset();
    if (initial_delay_ && new_member_added_ && initial_remaining_ > engine::Duration::zero()) {
        new_member_added_ = false;
        const engine::Duration delay = std::min(config_.initial_rebalance_delay, initial_remaining_);
        initial_remaining_ -= delay;
        join_deadline_ = now + delay;
        return;
    }
    initial_delay_ = false;
    complete_join(now);
}

void ClassicGroup::complete_join(engine::Instant now) {
    join_deadline_.reset();
    std::vector<std::string> gone;
    for (const Member& m : members_)
        if (!m.awaiting_join && !m.instance_id) gone.push_back(m.id);
    for (const std::string& id : gone) remove_member(id, now, "did not rejoin in time");
    if (state_ != GroupState::preparing_rebalance) return;  // removing may have completed it
    const Member* leader = find(leader_);
    if (leader == nullptr || !leader->awaiting_join) {
        const auto it = std::find_if(members_.begin(), members_.end(), [](const Member& m) { return bool(m.awaiting_join); });
        if (it == members_.end() && !members_.empty()) {
            // Only static members that have not rejoined: wait for their sessions to end.
            join_deadline_ = now + rebalance_timeout();
            return;
        }
        leader_ = it == members_.end() ? std::string() : it->id;
    }
    generation_ = GenerationId{generation_.value + 1};
    if (members_.empty()) {
        protocol_.clear();
        leader_.clear();
        move_to(GroupState::empty);
        write_ = GroupWrite{record(now), false};
        return;
    }
    protocol_ = select_protocol();
    move_to(GroupState::completing_rebalance);
    std::vector<std::pair<JoinCallback, JoinGroupResponse>> answers;
    for (Member& m : members_) {
        answers.emplace_back(std::exchange(m.awaiting_join, {}), join_result(m));
        schedule_session(m, now);
        m.is_new = false;
        pending_sync_.insert(m.id);
    }
    sync_deadline_ = now + rebalance_timeout();
    for (auto& [answer, response] : answers)
        if (answer) answer(std::move(response));
}

JoinGroupResponse ClassicGroup::join_result(const Member& member) const {
    JoinGroupResponse r;
    r.generation = generation_;
    r.protocol_name = protocol_;
    r.leader = leader_;
    r.member_id = member.id;
    if (member.id == leader_)
        for (const Member& m : members_) r.members.push_back(JoinGroupMember{m.id, m.instance_id, m.subscription});
    return r;
}

std::string ClassicGroup::select_protocol() const {
    // Candidates: offered by every member. Each member votes for its first candidate; most
    // votes wins, ties to the smaller name (Kafka's tie follows hash order: docs/fidelity.md).
    std::map<std::string, int> votes;
    for (const Member& m : members_) {
        for (const std::string& p : m.protocols) {
            const bool everyone = std::all_of(members_.begin(), members_.end(), [&](const Member& o) {
                return std::find(o.protocols.begin(), o.protocols.end(), p) != o.protocols.end();
            });
            if (!everyone) continue;
            ++votes[p];
            break;
        }
    }
    std::string best;
    int most = 0;
    for (const auto& [name, n] : votes)
        if (n > most) best = name, most = n;
    return best;
}

}  // namespace kafkasim::coordinator
