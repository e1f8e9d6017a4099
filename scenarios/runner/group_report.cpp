#include "scenarios/runner/group_report.h"

#include "sim/cluster/cluster.h"
#include "sim/coordinator/offsets_topic.h"

namespace kafkasim::scenarios {

namespace {

// The broker leading `tp` now, as the controller has it, or nullptr.
const broker::Broker* leader_of(const cluster::Cluster& cluster, const TopicPartition& tp) {
    const controller::Controller* c = cluster.controller();
    const metadata::PartitionRegistration* p = c != nullptr ? c->image().partition(tp) : nullptr;
    return p != nullptr && p->has_leader() ? cluster.broker(p->leader) : nullptr;
}

}  // namespace

std::vector<GroupReport> describe_groups(const cluster::Cluster& cluster, const std::vector<GroupSpec>& groups,
                                         std::int32_t offsets_partitions) {
    std::vector<GroupReport> out;
    const controller::Controller* controller = cluster.controller();
    for (const GroupSpec& spec : groups) {
        GroupReport r;
        r.group = spec.group;
        r.state = "Unknown";
        const TopicPartition offsets_tp{std::string(coordinator::offsets_topic),
                                        coordinator::partition_for(spec.group, offsets_partitions)};
        const broker::Broker* coordinator = leader_of(cluster, offsets_tp);
        const coordinator::OffsetShard* shard = nullptr;
        if (coordinator != nullptr) {
            const auto& shards = coordinator->group_coordinator().shards();
            const auto it = shards.find(offsets_tp.partition);
            if (it != shards.end() && it->second.loaded()) shard = &it->second;
        }
        if (shard != nullptr) {
            const coordinator::ClassicGroup* g = coordinator->group_coordinator().group(spec.group);
            r.state = g != nullptr ? std::string(coordinator::to_string(g->state())) : "Dead";
            if (g != nullptr) {
                r.generation = g->generation().value;
                for (const std::string& id : g->member_ids()) {
                    GroupMemberState m{*g->client_id(id), id, {}};
                    for (const TopicPartition& tp : *g->assignment(id)) m.partitions.push_back(tp.str());
                    r.members.push_back(std::move(m));
                }
            }
        }
        for (const std::string& topic : spec.topics) {
            const metadata::TopicImage* t = controller != nullptr ? controller->image().topic(topic) : nullptr;
            const std::int32_t count = t != nullptr ? static_cast<std::int32_t>(t->partitions.size()) : 0;
            for (std::int32_t p = 0; p < count; ++p) {
                const TopicPartition tp{topic, p};
                GroupOffsetState o{topic, p, -1, -1, -1};
                if (shard != nullptr)
                    if (const coordinator::OffsetCommitValue* v = shard->committed(spec.group, tp)) o.committed_offset = v->offset.value;
                if (const broker::Broker* leader = leader_of(cluster, tp))
                    if (const broker::Partition* replica = leader->replicas().partition(tp))
                        o.log_end_offset = replica->high_watermark().value;
                if (o.committed_offset >= 0 && o.log_end_offset >= 0) o.lag = o.log_end_offset - o.committed_offset;
                r.offsets.push_back(std::move(o));
            }
        }
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace kafkasim::scenarios
