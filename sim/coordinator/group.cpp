// SyncGroup, Heartbeat, LeaveGroup, commit validation, the group's timeouts and its metadata
// record (GroupCoordinator.handleSyncGroup, handleHeartbeat, handleLeaveGroup,
// onExpireHeartbeat, onExpirePendingSync; ClassicGroup.validateOffsetCommit).
#include "sim/coordinator/group.h"

#include <algorithm>
#include <utility>

#include "engine/assert.h"

namespace kafkasim::coordinator {

ClassicGroup::ClassicGroup(std::string id, const GroupConfig& config,
                           std::function<std::string(const std::string&)> new_member_id,
                           std::function<void(const GroupEvent&)> on_event)
    : id_(std::move(id)), config_(config), new_member_id_(std::move(new_member_id)), on_event_(std::move(on_event)) {}

void ClassicGroup::load(const GroupMetadataValue& value, engine::Instant now) {
    SIM_ASSERT(state_ == GroupState::empty && members_.empty(), "a group loads once, before any request");
    generation_ = value.generation;
    protocol_ = value.protocol_name;
    leader_ = value.leader;
    for (const GroupMemberRecord& r : value.members) {
        Member m;
        m.id = r.member_id;
        m.instance_id = r.group_instance_id;
        m.client_id = r.client_id;
        m.session_timeout = engine::Duration::ms(r.session_timeout_ms);
        m.rebalance_timeout = engine::Duration::ms(r.rebalance_timeout_ms);
        m.protocols = r.protocols;
        m.subscription = r.subscription;
        m.assignment = r.assignment;
        // Every loaded member gets a full session to find the new coordinator.
        m.session_deadline = now + m.session_timeout;
        if (m.instance_id) static_members_[*m.instance_id] = m.id;
        members_.push_back(std::move(m));
    }
    if (!members_.empty()) state_ = GroupState::stable;  // Empty → Stable only by loading
    emit("loaded", "", std::string(to_string(state_)));
}

ClassicGroup::Member* ClassicGroup::find(const std::string& member_id) {
    const auto it = std::find_if(members_.begin(), members_.end(), [&](const Member& m) { return m.id == member_id; });
    return it == members_.end() ? nullptr : &*it;
}

const ClassicGroup::Member* ClassicGroup::find(const std::string& member_id) const {
    return const_cast<ClassicGroup*>(this)->find(member_id);
}

std::vector<std::string> ClassicGroup::member_ids() const {
    std::vector<std::string> out;
    for (const Member& m : members_) out.push_back(m.id);
    return out;
}

const std::vector<TopicPartition>* ClassicGroup::assignment(const std::string& member_id) const {
    const Member* m = find(member_id);
    return m == nullptr ? nullptr : &m->assignment;
}

const std::string* ClassicGroup::client_id(const std::string& member_id) const {
    const Member* m = find(member_id);
    return m == nullptr ? nullptr : &m->client_id;
}

void ClassicGroup::move_to(GroupState to) {
    SIM_ASSERT(can_move(state_, to), "a classic group moves only along ClassicGroupState's transitions");
    state_ = to;
    emit("state", "", std::string(to_string(to)));
}

void ClassicGroup::emit(std::string kind, std::string member, std::string detail) {
    if (on_event_) on_event_(GroupEvent{std::move(kind), std::move(member), std::move(detail), generation_});
}

std::optional<Errc> ClassicGroup::validate_member(const std::string& member_id,
                                                  const std::optional<std::string>& instance_id) const {
    if (instance_id) {
        const auto it = static_members_.find(*instance_id);
        if (it == static_members_.end()) return Errc::unknown_member_id;
        if (it->second != member_id) return Errc::fenced_instance_id;
        return std::nullopt;
    }
    if (find(member_id) == nullptr) return Errc::unknown_member_id;
    return std::nullopt;
}

engine::Duration ClassicGroup::rebalance_timeout() const {
    engine::Duration most = engine::Duration::zero();
    for (const Member& m : members_) most = std::max(most, m.rebalance_timeout);
    return most;
}

void ClassicGroup::schedule_session(Member& member, engine::Instant now) {
    member.session_deadline = now + member.session_timeout;
}

void ClassicGroup::sync(const SyncGroupRequest& request, engine::Instant now, SyncCallback answer) {
    SyncGroupResponse r;
    if (state_ == GroupState::dead) r.error = Errc::coordinator_not_available;
    else if (const auto error = validate_member(request.member_id, request.group_instance_id)) r.error = *error;
    else if (request.generation != generation_) r.error = Errc::illegal_generation;
    else if (!request.protocol_name.empty() && request.protocol_name != protocol_) r.error = Errc::inconsistent_group_protocol;
    else if (state_ == GroupState::empty) r.error = Errc::unknown_member_id;
    else if (state_ == GroupState::preparing_rebalance) r.error = Errc::rebalance_in_progress;
    if (r.error != Errc::none) return answer(std::move(r));
    Member& member = *find(request.member_id);
    pending_sync_.erase(member.id);
    if (state_ == GroupState::stable) {
        schedule_session(member, now);
        r.protocol_name = protocol_;
        r.assignment = member.assignment;
        return answer(std::move(r));
    }
    member.awaiting_sync = std::move(answer);
    if (member.id != leader_) return;
    // Every leader sync of the round is stored (doSyncGroup), a repeated one too; members it left
    // out get nothing, as Kafka fills them in. The write carries its own assignment: nothing of
    // it stays behind in the group, so a round that ends while it is written leaves no trace.
    std::map<std::string, std::vector<TopicPartition>> assigned;
    for (const auto& a : request.assignments) assigned[a.member_id] = a.partitions;
    GroupMetadataValue value = record(now);
    for (GroupMemberRecord& m : value.members) {
        const auto it = assigned.find(m.member_id);
        m.assignment = it == assigned.end() ? std::vector<TopicPartition>{} : it->second;
    }
    write_ = GroupWrite{std::move(value), true};
    emit("assignment_received", member.id, "");
}

std::optional<GroupWrite> ClassicGroup::take_write() { return std::exchange(write_, std::nullopt); }

void ClassicGroup::on_written(const GroupWrite& written, Errc error, engine::Instant now) {
    // storeGroup's callback in doSyncGroup: the outcome belongs to the round that asked for it,
    // which is still on only while the group waits in CompletingRebalance at its generation (a
    // join, a leave, an expiry or an unload since moved it on). A later round has its own write.
    if (!written.completes_sync) return;
    if (state_ != GroupState::completing_rebalance || written.value.generation != generation_) return;
    if (error != Errc::none) {
        fail_parked_syncs(error);
        return prepare_rebalance(now, "the assignment was not written: " + std::string(to_string(error)));
    }
    for (Member& m : members_) {
        m.assignment.clear();
        for (const GroupMemberRecord& r : written.value.members)
            if (r.member_id == m.id) m.assignment = r.assignment;
    }
    move_to(GroupState::stable);
    propagate_assignment(now);
}

void ClassicGroup::propagate_assignment(engine::Instant now) {
    std::vector<std::pair<SyncCallback, SyncGroupResponse>> answers;
    for (Member& m : members_) {
        if (!m.awaiting_sync) continue;
        SyncGroupResponse r;
        r.protocol_name = protocol_;
        r.assignment = m.assignment;
        answers.emplace_back(std::exchange(m.awaiting_sync, {}), std::move(r));
        // A session that ended while the member waited was ignored; it starts again now.
        schedule_session(m, now);
    }
    for (auto& [answer, response] : answers) answer(std::move(response));
}

void ClassicGroup::fail_parked_syncs(Errc error) {
    std::vector<SyncCallback> parked;
    for (Member& m : members_)
        if (m.awaiting_sync) parked.push_back(std::exchange(m.awaiting_sync, {}));
    for (SyncCallback& answer : parked) {
        SyncGroupResponse r;
        r.error = error;
        answer(std::move(r));
    }
}

HeartbeatResponse ClassicGroup::heartbeat(const HeartbeatRequest& request, engine::Instant now) {
    if (state_ == GroupState::dead) return {Errc::coordinator_not_available};
    if (const auto error = validate_member(request.member_id, request.group_instance_id)) return {*error};
    if (request.generation != generation_) return {Errc::illegal_generation};
    Member& member = *find(request.member_id);
    switch (state_) {
        case GroupState::empty:
        case GroupState::dead:
            return {Errc::unknown_member_id};
        case GroupState::preparing_rebalance:
            schedule_session(member, now);
            return {Errc::rebalance_in_progress};
        case GroupState::completing_rebalance:
        case GroupState::stable:
            schedule_session(member, now);
            return {Errc::none};
    }
    return {Errc::unknown_server_error};
}

LeaveGroupResponse ClassicGroup::leave(const LeaveGroupRequest& request, engine::Instant now) {
    LeaveGroupResponse out;
    if (state_ == GroupState::dead) {
        out.error = Errc::coordinator_not_available;
        return out;
    }
    for (const auto& who : request.members) {
        LeaveGroupResponse::Member r{who.member_id, who.group_instance_id, Errc::none};
        if (!who.group_instance_id && pending_.erase(who.member_id) != 0) {
            maybe_complete_join(now);
        } else if (const auto error = validate_member(who.member_id, who.group_instance_id)) {
            r.error = *error;
        } else {
            remove_member(who.member_id, now, "left the group");
        }
        out.members.push_back(std::move(r));
    }
    return out;
}

void ClassicGroup::remove_member(std::string member_id, engine::Instant now, const std::string& why) {
    const auto it = std::find_if(members_.begin(), members_.end(), [&](const Member& m) { return m.id == member_id; });
    if (it == members_.end()) return;
    if (it->instance_id) static_members_.erase(*it->instance_id);
    members_.erase(it);
    pending_sync_.erase(member_id);
    if (leader_ == member_id) leader_ = members_.empty() ? std::string() : members_.front().id;
    emit("member_removed", member_id, why);
    switch (state_) {
        case GroupState::stable:
        case GroupState::completing_rebalance:
            return prepare_rebalance(now, "member " + member_id + " " + why);
        case GroupState::preparing_rebalance:
            return maybe_complete_join(now);
        case GroupState::empty:
        case GroupState::dead:
            return;
    }
}

Errc ClassicGroup::validate_commit(const OffsetCommitRequest& request) const {
    if (state_ == GroupState::dead) return Errc::coordinator_not_available;
    // An admin or a standalone consumer may commit for a group without members.
    if (request.generation.value < 0 && state_ == GroupState::empty) return Errc::none;
    if (const auto error = validate_member(request.member_id, request.group_instance_id)) return *error;
    if (request.generation != generation_) return Errc::illegal_generation;
    // The member's generation is current but its assignment is not out yet. In
    // PreparingRebalance the generation has not moved, so members commit as they revoke.
    if (state_ == GroupState::completing_rebalance) return Errc::rebalance_in_progress;
    return Errc::none;
}

Errc ClassicGroup::commit(const OffsetCommitRequest& request, engine::Instant now) {
    const Errc error = validate_commit(request);
    if (error != Errc::none) return error;
    // Accepted, a member's commit is of the current generation in Stable or PreparingRebalance,
    // where Kafka counts it as the member's heartbeat (an Empty group's comes from no member).
    if (Member* member = find(request.member_id)) schedule_session(*member, now);
    return Errc::none;
}

std::optional<engine::Instant> ClassicGroup::next_deadline() const {
    std::optional<engine::Instant> at = join_deadline_;
    const auto consider = [&at](engine::Instant t) {
        if (!at || t < *at) at = t;
    };
    if (sync_deadline_) consider(*sync_deadline_);
    for (const auto& [id, t] : pending_) consider(t);
    for (const Member& m : members_)
        if (m.session_deadline) consider(*m.session_deadline);
    return at;
}

void ClassicGroup::advance(engine::Instant now) {
    // One timeout at a time, earliest first (ties: join, sync, pending ids, members in join
    // order), since each may change the others.
    while (state_ != GroupState::dead) {
        const auto due = next_deadline();
        if (!due || *due > now) return;
        const engine::Instant t = *due;
        if (join_deadline_ == t) {
            on_join_deadline(t);
        } else if (sync_deadline_ == t) {
            expire_pending_sync(t);
        } else if (const auto p = std::find_if(pending_.begin(), pending_.end(), [t](const auto& e) { return e.second == t; });
                   p != pending_.end()) {
            const std::string id = p->first;
            pending_.erase(p);
            emit("member_removed", id, "never joined with its id");
            maybe_complete_join(t);
        } else {
            const auto m = std::find_if(members_.begin(), members_.end(), [t](const Member& x) { return x.session_deadline == t; });
            SIM_ASSERT(m != members_.end(), "a due deadline belongs to someone");
            expire_session(m->id, t);
        }
    }
}

void ClassicGroup::expire_session(std::string member_id, engine::Instant now) {
    Member& m = *find(member_id);
    m.session_deadline.reset();
    // MemberMetadata.hasSatisfiedHeartbeat: a member waiting on a rebalance answer is alive,
    // unless it is new and never sent its join again.
    const bool waiting = m.awaiting_join || m.awaiting_sync;
    if (waiting && !m.is_new) return;
    remove_member(member_id, now, m.is_new ? "did not join in time" : "session timed out");
}

void ClassicGroup::expire_pending_sync(engine::Instant now) {
    sync_deadline_.reset();
    if (pending_sync_.empty()) return;
    const std::vector<std::string> late(pending_sync_.begin(), pending_sync_.end());
    for (const std::string& id : late) {
        const auto it = std::find_if(members_.begin(), members_.end(), [&](const Member& m) { return m.id == id; });
        if (it == members_.end()) continue;
        if (it->instance_id) static_members_.erase(*it->instance_id);
        members_.erase(it);
        emit("member_removed", id, "did not sync in time");
    }
    pending_sync_.clear();
    if (!members_.empty() && find(leader_) == nullptr) leader_ = members_.front().id;
    if (members_.empty()) leader_.clear();
    prepare_rebalance(now, "members did not sync in time");
}

void ClassicGroup::unload() {
    std::vector<JoinCallback> joins;
    std::vector<SyncCallback> syncs;
    for (Member& m : members_) {
        if (m.awaiting_join) joins.push_back(std::exchange(m.awaiting_join, {}));
        if (m.awaiting_sync) syncs.push_back(std::exchange(m.awaiting_sync, {}));
    }
    // GroupCoordinator.onResignation: the group goes Dead here, and the trace says so.
    if (state_ != GroupState::dead) move_to(GroupState::dead);
    for (JoinCallback& answer : joins) {
        JoinGroupResponse r;
        r.error = Errc::not_coordinator;
        answer(std::move(r));
    }
    for (SyncCallback& answer : syncs) {
        SyncGroupResponse r;
        r.error = Errc::not_coordinator;
        answer(std::move(r));
    }
}

GroupMetadataValue ClassicGroup::record(engine::Instant now) const {
    GroupMetadataValue v;
    v.protocol_type = consumer_protocol_type;
    v.generation = generation_;
    v.protocol_name = protocol_;
    v.leader = leader_;
    v.state_timestamp_ms = now.ms();
    for (const Member& m : members_)
        v.members.push_back(GroupMemberRecord{m.id, m.instance_id, m.client_id, m.rebalance_timeout.count_ms(),
                                              m.session_timeout.count_ms(), m.protocols, m.subscription, m.assignment});
    return v;
}

}  // namespace kafkasim::coordinator
