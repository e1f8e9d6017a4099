// Network: what breaks connections (link faults, crashes, power losses, refusals) and how
// each surviving end learns of it.
#include <vector>

#include "engine/net/network.h"

namespace kafkasim::engine {

namespace {

std::string_view direction_name(Direction dir) {
    return dir == Direction::one_way ? "one_way" : "both_ways";
}

}  // namespace

std::string_view Network::cause_name(BreakCause cause) {
    switch (cause) {
        case BreakCause::crash: return "crash";
        case BreakCause::power_loss: return "power_loss";
        case BreakCause::link_fault: return "link_fault";
        case BreakCause::refused: return "refused";
        case BreakCause::unreachable: return "unreachable";
    }
    return "?";
}

std::string_view to_string(Disconnect reason) {
    switch (reason) {
        case Disconnect::peer_closed: return "peer_closed";
        case Disconnect::reset: return "reset";
        case Disconnect::refused: return "refused";
        case Disconnect::timed_out: return "timed_out";
    }
    return "?";
}

void Network::attach(Node& node) {
    if (hosts_.size() <= node.id().value) hosts_.resize(node.id().value + 1);
    Host& h = hosts_[node.id().value];
    SIM_ASSERT(h.node == nullptr, "a node is attached to the network once");
    h.node = &node;
    const NodeId id = node.id();
    node.add_listener([this, id](NodeEvent e) {
        switch (e) {
            case NodeEvent::started: hosts_[id.value].powered_off = false; break;
            case NodeEvent::crashed: on_node_down(id, BreakCause::crash); break;
            case NodeEvent::power_lost:
                hosts_[id.value].powered_off = true;
                on_node_down(id, BreakCause::power_loss);
                break;
            case NodeEvent::paused:
            case NodeEvent::resumed: break;  // the kernel keeps connections through a stall
        }
    });
}

void Network::on_node_down(NodeId node, BreakCause cause) {
    host(node).accept = nullptr;  // the listening process is gone
    std::vector<std::uint64_t> touched;
    for (std::uint64_t id : connection_ids()) {
        for (End& e : connections_.at(id).ends) {
            if (e.node != node || e.state != EndState::open) continue;
            e.state = EndState::closed;  // no process is left to tell
            e.handlers.reset();
            touched.push_back(id);
        }
    }
    for (std::uint64_t id : touched) {
        const Connection* c = find(id);
        if (c != nullptr && !c->broken) break_connection(id, cause);
        maybe_forget(id);
    }
}

void Network::break_connection(std::uint64_t id, BreakCause cause) {
    Connection& c = connections_.at(id);
    SIM_ASSERT(!c.broken, "a connection breaks once");
    c.broken = true;
    sim_.trace_event("net.break", {{"conn", id},
                                   {"cause", cause_name(cause)},
                                   {"in_flight", c.ends[0].in_flight + c.ends[1].in_flight}});
    for (Side side : {Side::initiator, Side::acceptor}) {
        End& e = c.ends[index(side)];
        // An end whose process has not accepted it yet never hears of it: the operating
        // system drops a handshake that died before the process took it.
        const bool unseen = e.state == EndState::pending || (side == Side::acceptor && e.handlers == nullptr);
        if (unseen) e.state = EndState::closed;
        if (e.state == EndState::open) schedule_notice(id, side, cause);
    }
    maybe_forget(id);
}

void Network::schedule_notice(std::uint64_t id, Side side, BreakCause cause) {
    const Connection& c = connections_.at(id);
    BreakNotice how = BreakNotice::timeout;
    switch (cause) {
        case BreakCause::crash: how = options_.on_crash; break;
        case BreakCause::power_loss: how = options_.on_power_loss; break;
        case BreakCause::link_fault: how = options_.on_link_fault; break;
        case BreakCause::refused: how = BreakNotice::reset; break;
        case BreakCause::unreachable: how = BreakNotice::timeout; break;
    }
    const LinkId toward{c.ends[index(other(side))].node, c.ends[index(side)].node};
    const Duration delay = how == BreakNotice::reset ? links_.min_delay(toward) : options_.notice_timeout;
    const Disconnect reason = cause == BreakCause::refused ? Disconnect::refused
                              : how == BreakNotice::reset  ? Disconnect::reset
                                                           : Disconnect::timed_out;
    const std::uint64_t incarnation = c.ends[index(side)].incarnation;
    const NodeId node = c.ends[index(side)].node;
    sim_.schedule_after(delay, [this, id, side, reason, incarnation, node] {
        sim_.node(node).dispatch_to(incarnation, [this, id, side, reason] { end_by_peer(id, side, reason); });
    });
}

void Network::break_cut_connections() {
    std::vector<std::uint64_t> cut;
    for (std::uint64_t id : connection_ids()) {
        const Connection& c = connections_.at(id);
        if (c.broken) continue;
        const LinkId there{c.ends[0].node, c.ends[1].node};
        // TCP needs both directions (data one way, acknowledgements the other).
        if (links_.is_cut(there, c.toward[1]) || links_.is_cut(there.reversed(), c.toward[0])) cut.push_back(id);
    }
    for (std::uint64_t id : cut) break_connection(id, BreakCause::link_fault);
}

void Network::set_link_latency(LinkId link, LatencyModel model) {
    links_.set_latency(link, model);
    sim_.trace_event("net.latency", {{"from", name(link.from)}, {"to", name(link.to)},
                                     {"min_us", model.min.count_us()}, {"max_us", model.max.count_us()}});
}

void Network::cut(LinkId link, Direction dir) {
    links_.cut(link, dir);
    sim_.trace_event("net.cut", {{"from", name(link.from)}, {"to", name(link.to)},
                                 {"direction", direction_name(dir)}});
    break_cut_connections();
}

void Network::partition(const std::vector<std::vector<NodeId>>& groups) {
    links_.partition(groups);
    std::string text;  // "a,b|c": the groups by node name
    for (const auto& g : groups) {
        if (!text.empty()) text += '|';
        for (std::size_t i = 0; i < g.size(); ++i) text += (i ? "," : "") + std::string(name(g[i]));
    }
    sim_.trace_event("net.partition", {{"groups", text}});
    break_cut_connections();
}

void Network::isolate(NodeId node) {
    links_.isolate(node);
    sim_.trace_event("net.isolate", {{"node", name(node)}});
    break_cut_connections();
}

void Network::clog(LinkId link, Duration extra, Direction dir) {
    links_.clog(link, extra, dir);
    sim_.trace_event("net.clog", {{"from", name(link.from)}, {"to", name(link.to)},
                                  {"extra_us", extra.count_us()}, {"direction", direction_name(dir)}});
}

void Network::heal() {
    links_.heal();
    sim_.trace_event("net.heal", {});
}

}  // namespace kafkasim::engine
