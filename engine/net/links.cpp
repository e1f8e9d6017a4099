#include "engine/net/links.h"

namespace kafkasim::engine {

LinkTable::LinkTable(Simulation& sim, LatencyModel default_latency)
    : sim_(sim), default_latency_(default_latency), root_(sim.random_stream("network")) {}

LinkTable::Link& LinkTable::link(LinkId id) {
    auto it = links_.find(id);
    if (it == links_.end()) {
        // Named by the nodes' names, not their ids: a node created earlier or later in a
        // scenario leaves this link's draws where they were.
        const std::string name = std::string(sim_.trace().node_name(id.from)) + "->" +
                                 std::string(sim_.trace().node_name(id.to));
        it = links_.emplace(id, Link{root_.split(name), std::nullopt, Duration::zero(), false}).first;
    }
    return it->second;
}

const LinkTable::Link* LinkTable::find(LinkId id) const {
    const auto it = links_.find(id);
    return it == links_.end() ? nullptr : &it->second;
}

Duration LinkTable::delay(Link& l) {
    return l.latency.value_or(default_latency_).draw(l.rng) + l.clog;
}

Duration LinkTable::min_delay(LinkId id) {
    const Link& l = link(id);
    return l.latency.value_or(default_latency_).min + l.clog;
}

std::uint32_t LinkTable::group_of(NodeId node) const {
    return node.value < group_.size() ? group_[node.value] : unlisted_group;
}

bool LinkTable::is_cut(LinkId id, const Link* l) const {
    if (id.from == id.to) return false;  // a node always reaches itself
    if (!any_cut_ && isolated_.empty() && group_.empty()) return false;
    if (l != nullptr && l->cut) return true;
    if (isolated_.contains(id.from) || isolated_.contains(id.to)) return true;
    return !group_.empty() && group_of(id.from) != group_of(id.to);
}

void LinkTable::set_latency(LinkId id, LatencyModel model) {
    SIM_ASSERT(model.min <= model.max, "a link's latency needs min <= max");
    link(id).latency = model;
}

void LinkTable::cut(LinkId id, Direction dir) {
    any_cut_ = true;
    link(id).cut = true;
    if (dir == Direction::both_ways) link(id.reversed()).cut = true;
}

void LinkTable::clog(LinkId id, Duration extra, Direction dir) {
    SIM_ASSERT(extra >= Duration::zero(), "a clog adds a non-negative delay");
    link(id).clog = extra;
    if (dir == Direction::both_ways) link(id.reversed()).clog = extra;
}

void LinkTable::partition(const std::vector<std::vector<NodeId>>& groups) {
    group_.clear();
    for (std::uint32_t g = 0; g < groups.size(); ++g) {
        for (NodeId n : groups[g]) {
            if (group_.size() <= n.value) group_.resize(n.value + 1, unlisted_group);
            SIM_ASSERT(group_[n.value] == unlisted_group, "a node can be in one partition group only");
            group_[n.value] = g;
        }
    }
}

void LinkTable::isolate(NodeId node) { isolated_.insert(node); }

void LinkTable::heal() {
    for (auto& [id, l] : links_) {
        l.cut = false;
        l.clog = Duration::zero();
    }
    group_.clear();
    isolated_.clear();
    any_cut_ = false;
}

}  // namespace kafkasim::engine
