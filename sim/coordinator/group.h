// ClassicGroup: one consumer group on its coordinator, the classic protocol's state machine
// (Kafka's GroupCoordinator with GroupMetadata and MemberMetadata; kafka-semantics.md §c).
// It sees no network and no clock: the coordinator hands it requests with the time, parks
// the JoinGroup and SyncGroup answers in it as callbacks, asks it for its next deadline and
// calls advance() when that comes, and writes what take_write() gives it to __consumer_offsets,
// reporting back through on_written(). Unit tests drive it the same way.
//   - Joins: a dynamic member's first join gets MEMBER_ID_REQUIRED with its new id (KIP-394);
//     a join moves the group to PreparingRebalance, which ends when every known member has
//     rejoined, or at the rebalance timeout (the members' largest max.poll.interval.ms), or,
//     from Empty, after group.initial.rebalance.delay.ms, extended per new member. Then the
//     generation goes up, dynamic members that did not rejoin are dropped and every member is
//     answered; the leader also gets the members' subscriptions.
//   - Sync: the leader's assignment is written, then every member gets its part: Stable. A
//     write that completes after its round ended (a join, a leave, an expiry) is moot, and the
//     next round's leader sync is written on its own (doSyncGroup's storeGroup callback).
//     Members that do not sync within the rebalance timeout are dropped (expirePendingSync).
//   - Liveness: each heartbeat, join, sync or commit restarts a member's session.timeout.ms;
//     a member waiting on a join or sync answer counts as alive. Leaving or expiring rebalances.
//   - Static members (group.instance.id, KIP-345) rejoin under a new member id without a
//     rebalance when the group is Stable; the old id is fenced (FENCED_INSTANCE_ID).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/coordinator/group_record.h"
#include "sim/coordinator/group_state.h"
#include "sim/proto/coordinator_messages.h"

namespace kafkasim::coordinator {

// The broker's group.* configs.
struct GroupConfig {
    engine::Duration initial_rebalance_delay = engine::Duration::ms(3000);  // group.initial.rebalance.delay.ms
    engine::Duration min_session_timeout = engine::Duration::ms(6000);      // group.min.session.timeout.ms
    engine::Duration max_session_timeout = engine::Duration::ms(1800000);   // group.max.session.timeout.ms
    // How long a member added during a rebalance may take to send its join again before it is
    // dropped (Kafka's fixed GroupCoordinator.NewMemberJoinTimeoutMs).
    engine::Duration new_member_join_timeout = engine::Duration::ms(300000);
};

using JoinCallback = std::function<void(JoinGroupResponse)>;
using SyncCallback = std::function<void(SyncGroupResponse)>;

// A group metadata record to append; the coordinator reports its outcome with on_written.
struct GroupWrite {
    GroupMetadataValue value;
    // Whether SyncGroup answers wait on it (the leader's assignment) or not (an empty group).
    bool completes_sync = false;
};

// What the coordinator traces: one event per protocol step, never per accepted heartbeat.
struct GroupEvent {
    std::string kind;       // "state", "member_added", "member_removed", "member_fenced", …
    std::string member;     // "" when about the group
    std::string detail;     // the new state, or why a member went
    GenerationId generation = no_generation;
};

class ClassicGroup {
public:
    // `new_member_id(prefix)` gives a fresh member id starting with prefix + "-" (Kafka appends
    // a random UUID to the client id or instance id).
    ClassicGroup(std::string id, const GroupConfig& config, std::function<std::string(const std::string&)> new_member_id,
                 std::function<void(const GroupEvent&)> on_event);
    // A group as a coordinator loads it: Stable with its members, or Empty (Kafka's loadGroup).
    void load(const GroupMetadataValue& value, engine::Instant now);

    void join(const JoinGroupRequest& request, engine::Instant now, JoinCallback answer);
    void sync(const SyncGroupRequest& request, engine::Instant now, SyncCallback answer);
    HeartbeatResponse heartbeat(const HeartbeatRequest& request, engine::Instant now);
    LeaveGroupResponse leave(const LeaveGroupRequest& request, engine::Instant now);
    // ClassicGroup.validateOffsetCommit: NONE, or the error every partition of the commit gets.
    Errc validate_commit(const OffsetCommitRequest& request) const;
    // A commit arriving: validate_commit's answer, and a member's accepted commit restarts its
    // session as a heartbeat does (doCommitOffsets in Stable and PreparingRebalance).
    Errc commit(const OffsetCommitRequest& request, engine::Instant now);

    // The earliest moment advance() has work, if any.
    std::optional<engine::Instant> next_deadline() const;
    // Runs every timeout due at or before `now`, earliest first.
    void advance(engine::Instant now);

    // The record waiting to be appended, if any; each is taken once.
    std::optional<GroupWrite> take_write();
    // The outcome of a write take_write() gave, whenever it comes (never, if the coordinator
    // unloaded the group): it acts only if the group still waits for that very write's round.
    void on_written(const GroupWrite& written, Errc error, engine::Instant now);
    // The coordinator lost the group's partition: parked answers get NOT_COORDINATOR.
    void unload();

    const std::string& id() const { return id_; }
    GroupState state() const { return state_; }
    GenerationId generation() const { return generation_; }
    const std::string& protocol() const { return protocol_; }
    const std::string& leader() const { return leader_; }
    std::vector<std::string> member_ids() const;  // in join order
    const std::vector<TopicPartition>* assignment(const std::string& member_id) const;
    // The member's client.id, or nullptr for an unknown member.
    const std::string* client_id(const std::string& member_id) const;

private:
    struct Member {
        std::string id;
        std::optional<std::string> instance_id;
        std::string client_id;
        engine::Duration session_timeout;
        engine::Duration rebalance_timeout;
        std::vector<std::string> protocols;
        ConsumerSubscription subscription;
        std::vector<TopicPartition> assignment;
        JoinCallback awaiting_join;
        SyncCallback awaiting_sync;
        bool is_new = false;
        std::optional<engine::Instant> session_deadline;
    };

    // group_join.cpp
    void join_new_member(const JoinGroupRequest& request, engine::Instant now, JoinCallback& answer);
    void join_static_member(const JoinGroupRequest& request, std::string old_id, engine::Instant now,
                            JoinCallback& answer);
    void join_current_member(const JoinGroupRequest& request, engine::Instant now, JoinCallback& answer);
    void add_member_and_rebalance(const JoinGroupRequest& request, std::string member_id, engine::Instant now,
                                  JoinCallback answer);
    void update_member_and_rebalance(Member& member, const JoinGroupRequest& request, engine::Instant now,
                                     JoinCallback answer);
    void prepare_rebalance(engine::Instant now, const std::string& why);
    void maybe_complete_join(engine::Instant now);
    void complete_join(engine::Instant now);
    void on_join_deadline(engine::Instant now);
    JoinGroupResponse join_result(const Member& member) const;
    bool supports_protocols(const JoinGroupRequest& request) const;
    std::string select_protocol() const;

    // group.cpp
    void move_to(GroupState to);
    Member* find(const std::string& member_id);
    const Member* find(const std::string& member_id) const;
    std::optional<Errc> validate_member(const std::string& member_id, const std::optional<std::string>& instance_id) const;
    // By value: callers pass ids that live in members_, which the removal shifts.
    void remove_member(std::string member_id, engine::Instant now, const std::string& why);
    void expire_pending_sync(engine::Instant now);
    void expire_session(std::string member_id, engine::Instant now);
    void propagate_assignment(engine::Instant now);
    void fail_parked_syncs(Errc error);
    void schedule_session(Member& member, engine::Instant now);
    bool all_joined() const;
    engine::Duration rebalance_timeout() const;
    GroupMetadataValue record(engine::Instant now) const;
    void emit(std::string kind, std::string member, std::string detail);

    std::string id_;
    const GroupConfig& config_;
    std::function<std::string(const std::string&)> new_member_id_;
    std::function<void(const GroupEvent&)> on_event_;
    GroupState state_ = GroupState::empty;
    GenerationId generation_{0};
    std::string protocol_;
    std::string leader_;
    std::vector<Member> members_;                           // in join order
    std::map<std::string, engine::Instant> pending_;        // ids given with MEMBER_ID_REQUIRED
    std::map<std::string, std::string> static_members_;     // instance id → member id
    std::set<std::string> pending_sync_;                    // joined this generation, not synced yet
    std::optional<engine::Instant> join_deadline_;
    bool initial_delay_ = false;                            // the join phase after Empty
    engine::Duration initial_remaining_;
    bool new_member_added_ = false;
    std::optional<engine::Instant> sync_deadline_;
    std::optional<GroupWrite> write_;
};

}  // namespace kafkasim::coordinator
