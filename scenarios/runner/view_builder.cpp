#include "scenarios/runner/view_builder.h"

#include <algorithm>

#include "sim/apps/load_producer.h"
#include "sim/cluster/cluster.h"
#include "sim/consumer/consumer.h"
#include "sim/coordinator/offsets_topic.h"

namespace kafkasim::scenarios {

std::string_view to_string(ServerState s) {
    switch (s) {
        case ServerState::up: return "up";
        case ServerState::crashed: return "crashed";
        case ServerState::paused: return "paused";
        case ServerState::fenced: return "fenced";
        case ServerState::unregistered: return "not registered";
    }
    return "?";
}

const ServerView* ClusterView::broker(std::int32_t id) const {
    for (const ServerView& b : brokers)
        if (b.broker == id) return &b;
    return nullptr;
}

const PartitionView* ClusterView::partition(const std::string& topic, std::int32_t p) const {
    for (const TopicView& t : topics)
        if (t.name == topic)
            for (const PartitionView& v : t.partitions)
                if (v.partition == p) return &v;
    return nullptr;
}

const GroupView* ClusterView::group(const std::string& name) const {
    for (const GroupView& g : groups)
        if (g.group == name) return &g;
    return nullptr;
}

namespace {

ServerView server(engine::Node& node, const broker::Broker* b, std::int32_t id) {
    ServerView v{node.name(), id, ServerState::crashed, -1};
    if (node.state() == engine::NodeState::stopped) return v;
    v.state = node.state() == engine::NodeState::paused ? ServerState::paused : ServerState::up;
    if (b != nullptr) {
        v.broker_epoch = b->lifecycle().epoch().value;
        if (v.state == ServerState::up && !b->lifecycle().registered()) v.state = ServerState::unregistered;
        else if (v.state == ServerState::up && b->lifecycle().fenced()) v.state = ServerState::fenced;
    }
    return v;
}

// The metadata image to draw partitions from: the controller's, or while it is down the
// most advanced image a live broker holds (brokers replicate the metadata log).
const metadata::ClusterImage* image_of(cluster::Cluster& cluster) {
    if (const controller::Controller* c = cluster.controller()) return &c->image();
    const metadata::ClusterImage* best = nullptr;
    for (BrokerId id : cluster.broker_ids())
        if (const broker::Broker* b = cluster.broker(id))
            if (best == nullptr || b->image().last_offset() > best->last_offset()) best = &b->image();
    return best;
}

std::vector<RecordView> last_records(const log::PartitionLog& log) {
    std::vector<RecordView> out;
    // Newest segment first, newest batch first, until enough records are found.
    for (auto seg = log.segments().rbegin(); seg != log.segments().rend() && out.size() < view_records; ++seg) {
        const std::size_t n = seg->second.batches().size();
        for (std::size_t i = n; i > 0 && out.size() < view_records; --i)
            for (const RecordBatch& batch : log.load(seg->second, i - 1, i)) {
                for (std::size_t r = batch.records.size(); r > 0 && out.size() < view_records; --r)
                    out.push_back(RecordView{batch.base_offset.value + static_cast<std::int64_t>(r - 1),
                                             batch.partition_leader_epoch.value, batch.records[r - 1].key});
            }
    }
    std::reverse(out.begin(), out.end());
    return out;
}

ReplicaView replica(cluster::Cluster& cluster, const metadata::PartitionRegistration& reg, const TopicPartition& tp, BrokerId b) {
    ReplicaView v;
    v.broker = b.value;
    v.in_isr = reg.in_isr(b);
    v.leader = reg.leader == b;
    const broker::Broker* broker = cluster.broker(b);
    const broker::Partition* p = broker != nullptr ? broker->replicas().partition(tp) : nullptr;
    if (p == nullptr) return v;
    v.online = true;
    v.leader_epoch = p->leader_epoch().value;
    v.log_start = p->log().log_start_offset().value;
    v.log_end = p->log().log_end_offset().value;
    v.high_watermark = p->high_watermark().value;
    v.last_records = last_records(p->log());
    return v;
}

std::vector<TopicView> topics(cluster::Cluster& cluster) {
    std::vector<TopicView> out;
    const metadata::ClusterImage* image = image_of(cluster);
    if (image == nullptr) return out;
    for (const auto& [name, topic] : image->topics()) {
        TopicView t{name, name == coordinator::offsets_topic, {}};
        for (std::size_t i = 0; i < topic.partitions.size(); ++i) {
            const metadata::PartitionRegistration& reg = topic.partitions[i];
            const TopicPartition tp{name, static_cast<std::int32_t>(i)};
            PartitionView p{name, tp.partition, reg.leader.value, reg.leader_epoch.value, {}, {}, {}};
            for (BrokerId b : reg.replicas) {
                p.replicas.push_back(b.value);
                p.copies.push_back(replica(cluster, reg, tp, b));
            }
            for (BrokerId b : reg.isr) p.isr.push_back(b.value);
            t.partitions.push_back(std::move(p));
        }
        out.push_back(std::move(t));
    }
    return out;
}

TopicPartition parse_partition(const std::string& s) {
    const auto dash = s.rfind('-');
    return TopicPartition{s.substr(0, dash), std::stoi(s.substr(dash + 1))};
}

// The protocol the group's coordinator chose, if the group is loaded somewhere now.
std::string protocol_of(cluster::Cluster& cluster, const std::string& group, std::int32_t offsets_partitions) {
    const TopicPartition tp{std::string(coordinator::offsets_topic), coordinator::partition_for(group, offsets_partitions)};
    const metadata::ClusterImage* image = image_of(cluster);
    const metadata::PartitionRegistration* p = image != nullptr ? image->partition(tp) : nullptr;
    const broker::Broker* b = p != nullptr && p->has_leader() ? cluster.broker(p->leader) : nullptr;
    const coordinator::ClassicGroup* g = b != nullptr ? b->group_coordinator().group(group) : nullptr;
    return g != nullptr ? g->protocol() : std::string();
}

GroupView group_view(ScenarioRun& run, const GroupSpec& spec, const GroupReport& report, std::int32_t offsets_partitions) {
    GroupView g{report.group, report.state, report.generation, protocol_of(run.cluster(), spec.group, offsets_partitions),
                {}, report.offsets};
    const bool rebalancing = report.state == "PreparingRebalance" || report.state == "CompletingRebalance";
    for (const MemberSpec& m : spec.members) {
        MemberView v;
        v.name = m.name;
        const auto node = run.clients().find(m.name);
        const consumer::Consumer* consumer = nullptr;
        if (node != run.clients().end() && node->second->is_up()) {
            v.up = true;
            consumer = dynamic_cast<const consumer::Consumer*>(node->second->process());
        }
        for (const GroupMemberState& s : report.members) {
            if (s.member != m.name) continue;
            v.member_id = s.member_id;
            for (const std::string& name : s.partitions) {
                MemberPartitionView p{name, -1, -1};
                const TopicPartition tp = parse_partition(name);
                if (consumer != nullptr) p.position = consumer->position(tp).value;
                for (const GroupOffsetState& o : report.offsets)
                    if (o.topic == tp.topic && o.partition == tp.partition) p.committed = o.committed_offset;
                v.partitions.push_back(std::move(p));
            }
        }
        v.rebalancing = rebalancing && !v.member_id.empty();
        v.idle = report.state == "Stable" && !v.member_id.empty() && v.partitions.empty();
        g.members.push_back(std::move(v));
    }
    return g;
}

std::vector<KnownLeaderView> known_leaders(const producer::ProducerMetadata& metadata) {
    std::vector<KnownLeaderView> out;
    for (const std::string& topic : metadata.topics()) {
        const producer::TopicPartitions* parts = metadata.partitions(topic);
        if (parts == nullptr) continue;
        for (std::int32_t i = 0; i < parts->count; ++i) {
            const TopicPartition tp{topic, i};
            out.push_back(KnownLeaderView{tp.topic + "-" + std::to_string(i), metadata.leader(tp).value,
                                          metadata.leader_epoch(tp).value});
        }
    }
    return out;
}

std::vector<ProducerView> producers(ScenarioRun& run, const ScenarioSpec& spec) {
    std::vector<ProducerView> out;
    for (const ProducerSpec& p : spec.producers) {
        ProducerView v{p.name, false, 0, 0, 0, 0, {}};
        const auto node = run.clients().find(p.name);
        if (node != run.clients().end() && node->second->is_up())
            if (const auto* load = dynamic_cast<const apps::LoadProducer*>(node->second->process())) {
                const producer::ProducerStats& s = load->producer().stats();
                v = ProducerView{p.name, true, s.records_sent, s.records_acked, s.records_failed, load->producer().pending(),
                                 known_leaders(load->producer().metadata())};
            }
        out.push_back(std::move(v));
    }
    return out;
}

void network(ClusterView& view, ScenarioRun& run, const RunProbes& probes) {
    for (const auto& [link, state] : probes.links->links())
        view.faulty_links.push_back(LinkView{link.first, link.second, state.cut, state.extra_us / 1000});
    view.partition_groups = probes.links->partition();
    view.isolated.assign(probes.links->isolated().begin(), probes.links->isolated().end());
    engine::Trace& trace = run.cluster().sim().trace();
    for (const auto& [link, last] : probes.wire->last_sent())
        view.traffic.push_back(TrafficView{std::string(trace.node_name(link.from)), std::string(trace.node_name(link.to)), last});
    for (const auto& [end, queue] : probes.wire->on_wire())
        for (const WireWatch::Message& m : queue)
            view.messages.push_back(MessageView{std::string(m.kind), m.response, std::string(trace.node_name(m.link.from)),
                                                std::string(trace.node_name(m.link.to)), m.sent, m.due});
    std::stable_sort(view.messages.begin(), view.messages.end(),
                     [](const MessageView& a, const MessageView& b) { return a.due < b.due; });
}

}  // namespace

ClusterView build_view(ScenarioRun& run, const ScenarioSpec& spec, const RunProbes& probes) {
    cluster::Cluster& cluster = run.cluster();
    ClusterView view;
    view.event = run.events();
    view.time = run.now();
    view.end = run.end();
    view.controller = server(cluster.controller_node(), nullptr, -1);
    for (BrokerId id : cluster.broker_ids()) view.brokers.push_back(server(cluster.broker_node(id), cluster.broker(id), id.value));
    view.topics = topics(cluster);
    const std::int32_t offsets_partitions = spec.cluster.broker.offsets_topic_num_partitions;
    const std::vector<GroupReport> reports = describe_groups(cluster, spec.groups, offsets_partitions);
    for (std::size_t i = 0; i < spec.groups.size(); ++i)
        view.groups.push_back(group_view(run, spec.groups[i], reports[i], offsets_partitions));
    view.producers = producers(run, spec);
    network(view, run, probes);
    view.captions = probes.captions;
    for (const auto& [index, result] : run.judged()) view.expectations.push_back(result);
    return view;
}

}  // namespace kafkasim::scenarios
