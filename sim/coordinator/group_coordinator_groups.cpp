// The coordinator's group side: routing JoinGroup, SyncGroup, Heartbeat and LeaveGroup to the
// group's state machine, one timer for all groups' timeouts, appending group metadata records,
// and turning a shard's loaded records into live groups (GroupCoordinator with
// GroupMetadataManager.storeGroup and loadGroupsAndOffsets).
#include <cstdio>

#include "sim/coordinator/commit_rules.h"
#include "sim/coordinator/group_coordinator.h"
#include "sim/coordinator/offsets_topic.h"

namespace kafkasim::coordinator {

namespace {

std::string opt(const std::optional<std::string>& s) { return s ? *s : std::string(); }

}  // namespace

ClassicGroup* GroupCoordinator::find_group(const std::string& id) {
    const auto it = groups_.find(id);
    return it == groups_.end() ? nullptr : it->second.get();
}

const ClassicGroup* GroupCoordinator::group(const std::string& id) const {
    const auto it = groups_.find(id);
    return it == groups_.end() ? nullptr : it->second.get();
}

std::string GroupCoordinator::new_member_id(const std::string& prefix) {
    // A UUID's shape, drawn from the coordinator's own stream so runs replay.
    const std::uint64_t hi = member_ids_.next_u64();
    const std::uint64_t lo = member_ids_.next_u64();
    char uuid[40];
    std::snprintf(uuid, sizeof uuid, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                  static_cast<unsigned>((hi >> 16) & 0xffff), static_cast<unsigned>(hi & 0xffff),
                  static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xffffffffffffULL));
    return prefix + "-" + uuid;
}

ClassicGroup& GroupCoordinator::create_group(const std::string& id) {
    auto group = std::make_unique<ClassicGroup>(
        id, group_config_, [this](const std::string& prefix) { return new_member_id(prefix); },
        [this, id](const GroupEvent& e) { on_group_event(id, e); });
    return *groups_.emplace(id, std::move(group)).first->second;
}

void GroupCoordinator::on_group_event(const std::string& group, const GroupEvent& event) {
    node_.trace("group." + event.kind, {{"group", group}, {"member", event.member}, {"detail", event.detail},
                                         {"generation", event.generation.value}});
}

void GroupCoordinator::join_group(JoinGroupRequest request, rpc::Reply reply) {
    const Errc error = shard_error(partition_of(request.group_id));
    ClassicGroup* group = error == Errc::none ? find_group(request.group_id) : nullptr;
    if (error == Errc::none && group == nullptr && request.member_id.empty()) group = &create_group(request.group_id);
    if (group == nullptr) {
        JoinGroupResponse r;
        r.error = error != Errc::none ? error : Errc::unknown_member_id;
        r.member_id = request.member_id;
        return reply(std::move(r));
    }
    const std::string group_id = request.group_id;
    group->join(request, node_.now(), [this, group_id, reply = std::move(reply)](JoinGroupResponse r) {
        node_.trace("group.join", {{"group", group_id}, {"member", r.member_id}, {"error", to_string(r.error)},
                                   {"generation", r.generation.value}, {"leader", r.leader},
                                   {"protocol", r.protocol_name}});
        reply(std::move(r));
    });
    after_group_change(*group);
}

void GroupCoordinator::sync_group(SyncGroupRequest request, rpc::Reply reply) {
    const Errc error = shard_error(partition_of(request.group_id));
    ClassicGroup* group = error == Errc::none ? find_group(request.group_id) : nullptr;
    if (group == nullptr) {
        SyncGroupResponse r;
        r.error = error != Errc::none ? error : Errc::unknown_member_id;
        return reply(std::move(r));
    }
    const std::string group_id = request.group_id;
    const std::string member = request.member_id;
    group->sync(request, node_.now(), [this, group_id, member, reply = std::move(reply)](SyncGroupResponse r) {
        node_.trace("group.sync", {{"group", group_id}, {"member", member}, {"error", to_string(r.error)},
                                   {"partitions", static_cast<std::int64_t>(r.assignment.size())}});
        reply(std::move(r));
    });
    after_group_change(*group);
}

HeartbeatResponse GroupCoordinator::heartbeat(const HeartbeatRequest& request) {
    const Errc error = shard_error(partition_of(request.group_id));
    // A loading coordinator answers heartbeats blindly, as Kafka's does.
    if (error == Errc::coordinator_load_in_progress) return {Errc::none};
    ClassicGroup* group = error == Errc::none ? find_group(request.group_id) : nullptr;
    HeartbeatResponse r{error != Errc::none ? error : Errc::unknown_member_id};
    if (group != nullptr) {
        r = group->heartbeat(request, node_.now());
        after_group_change(*group);
    }
    // Accepted heartbeats would flood the trace; the ones that tell a member something do not.
    if (r.error != Errc::none)
        node_.trace("group.heartbeat", {{"group", request.group_id}, {"member", request.member_id},
                                        {"generation", request.generation.value}, {"error", to_string(r.error)}});
    return r;
}

LeaveGroupResponse GroupCoordinator::leave_group(const LeaveGroupRequest& request) {
    const Errc error = shard_error(partition_of(request.group_id));
    ClassicGroup* group = error == Errc::none ? find_group(request.group_id) : nullptr;
    LeaveGroupResponse r;
    if (group == nullptr) {
        r.error = error;
        for (const auto& m : request.members) r.members.push_back({m.member_id, m.group_instance_id, Errc::unknown_member_id});
    } else {
        r = group->leave(request, node_.now());
        after_group_change(*group);
    }
    for (const auto& m : r.members)
        node_.trace("group.leave", {{"group", request.group_id}, {"member", m.member_id},
                                    {"instance", opt(m.group_instance_id)}, {"error", to_string(m.error)}});
    return r;
}

void GroupCoordinator::after_group_change(ClassicGroup& group) {
    while (auto write = group.take_write()) write_group(group, std::move(*write));
    schedule_group_timer();
}

void GroupCoordinator::write_group(ClassicGroup& group, GroupWrite write) {
    const std::int32_t partition = partition_of(group.id());
    const auto shard = shards_.find(partition);
    if (shard == shards_.end()) {
        // Nowhere to append: the write fails as a lost leadership does, so no round waits on it.
        node_.trace("group.written", {{"group", group.id()}, {"generation", write.value.generation.value},
                                      {"error", to_string(Errc::not_coordinator)}});
        group.on_written(write, Errc::not_coordinator, node_.now());
        return;
    }
    const std::int64_t now_ms = node_.now().ms();
    RecordBatch batch;
    batch.records.push_back(Record{encode_group_key(group.id()), encode_group_value(write.value), now_ms});
    ProduceRequest produce;
    produce.acks = -1;
    produce.timeout = config_.offsets_commit_timeout;
    produce.partitions.push_back({TopicPartition{std::string(offsets_topic), partition}, std::move(batch)});
    const LeaderEpoch epoch = shard->second.epoch();
    const std::string id = group.id();
    node_.trace("group.write", {{"group", id}, {"generation", write.value.generation.value},
                                {"members", static_cast<std::int64_t>(write.value.members.size())}});
    // The write goes back to the group with its outcome: the group checks it is still the round
    // that asked (storeGroup's callback closes over the assignment it stored).
    replicas_.produce(std::move(produce), [this, partition, epoch, id, write = std::move(write)](ResponseBody body) {
        const auto* produced = std::get_if<ProduceResponse>(&body);
        Errc error = produced == nullptr || produced->partitions.empty() ? Errc::unknown_server_error
                                                                          : produced->partitions.front().error;
        error = group_error_from_append(error);
        const auto it = shards_.find(partition);
        ClassicGroup* g = find_group(id);
        // A group reloaded under a new leadership is not the one that asked for the write.
        if (it == shards_.end() || it->second.epoch() != epoch || g == nullptr) return;
        node_.trace("group.written", {{"group", id}, {"generation", write.value.generation.value}, {"error", to_string(error)}});
        g->on_written(write, error, node_.now());
        after_group_change(*g);
    });
}

void GroupCoordinator::schedule_group_timer() {
    std::optional<engine::Instant> next;
    for (const auto& [id, group] : groups_) {
        const auto at = group->next_deadline();
        if (at && (!next || *at < *next)) next = at;
    }
    if (next == group_timer_at_) return;
    if (group_timer_at_) node_.cancel_timer(group_timer_);
    group_timer_at_ = next;
    if (!next) return;
    const engine::Duration wait = *next > node_.now() ? *next - node_.now() : engine::Duration::zero();
    group_timer_ = node_.set_timer(wait, [this] { on_group_timer(); });
}

void GroupCoordinator::on_group_timer() {
    group_timer_at_.reset();
    for (auto& [id, group] : groups_) {
        group->advance(node_.now());
        while (auto write = group->take_write()) write_group(*group, std::move(*write));
    }
    schedule_group_timer();
}

void GroupCoordinator::load_groups(std::int32_t partition, OffsetShard& shard) {
    for (auto& [id, value] : shard.take_loaded_groups()) {
        if (partition_of(id) != partition || find_group(id) != nullptr) continue;
        create_group(id).load(value, node_.now());
    }
    schedule_group_timer();
}

void GroupCoordinator::unload_groups(std::int32_t partition) {
    for (auto it = groups_.begin(); it != groups_.end();) {
        if (partition_of(it->first) != partition) {
            ++it;
            continue;
        }
        // Kafka moves the group to Dead and answers its parked requests NOT_COORDINATOR.
        std::unique_ptr<ClassicGroup> gone = std::move(it->second);
        it = groups_.erase(it);
        gone->unload();
    }
    schedule_group_timer();
}

}  // namespace kafkasim::coordinator
