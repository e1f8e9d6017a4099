// LinkTable: the state of every directed link between two nodes: its latency model, its own
// random stream, and the faults on it (cut, clog, partition, isolation). It answers two
// questions for the network: may a packet cross this link now, and how long does it take.
// Links are made on first use and kept in an ordered map, so nothing depends on hash order.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/net/latency.h"
#include "engine/simulation.h"

namespace kafkasim::engine {

// A directed link: packets from `from` to `to`.
struct LinkId {
    NodeId from;
    NodeId to;
    LinkId reversed() const { return {to, from}; }
    auto operator<=>(const LinkId&) const = default;
};

enum class Direction : std::uint8_t { one_way, both_ways };

class LinkTable {
public:
    // One directed link's state. A connection keeps a pointer to each of its two links (map
    // nodes never move), so a packet costs no lookup.
    struct Link {
        Random rng;
        std::optional<LatencyModel> latency;
        Duration clog = Duration::zero();
        bool cut = false;
    };

    LinkTable(Simulation& sim, LatencyModel default_latency);

    // The link's state, made on first use; the reference stays valid as long as the table.
    Link& link(LinkId id);

    // The delay of one packet entering `link` now: a latency draw from the link's own stream
    // (named after both nodes, so adding a node shifts no other link) plus any clog.
    Duration delay(LinkId link) { return delay(this->link(link)); }
    Duration delay(Link& link);
    // The shortest possible delay now, without a draw: what a reset takes to arrive.
    Duration min_delay(LinkId link);
    // True if nothing can cross `link` now (cut, partitioned apart, or an end isolated).
    bool is_cut(LinkId link) const { return is_cut(link, find(link)); }
    // The same for a link whose state the caller holds (nullptr: never made).
    bool is_cut(LinkId id, const Link* link) const;

    void set_latency(LinkId link, LatencyModel model);
    void cut(LinkId link, Direction dir);
    void clog(LinkId link, Duration extra, Direction dir);
    // Nodes in different groups cannot reach each other; nodes in no group form one more
    // group together. Replaces any earlier partition.
    void partition(const std::vector<std::vector<NodeId>>& groups);
    void isolate(NodeId node);
    // Removes every cut, clog, partition and isolation; latency models stay.
    void heal();

private:
    static constexpr std::uint32_t unlisted_group = 0xffffffffu;

    const Link* find(LinkId id) const;
    std::uint32_t group_of(NodeId node) const;

    Simulation& sim_;
    LatencyModel default_latency_;
    Random root_;
    std::map<LinkId, Link> links_;
    std::vector<std::uint32_t> group_;  // by node id; empty when no partition holds
    std::set<NodeId> isolated_;
    bool any_cut_ = false;  // some link was cut since the last heal: most runs never cut one
};

}  // namespace kafkasim::engine
