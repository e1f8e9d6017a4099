// Network: opening, sending, delivering and closing. Breaks and faults are in
// network_faults.cpp.
#include "engine/net/network.h"

#include <algorithm>

namespace kafkasim::engine {

Network::Network(Simulation& sim, NetworkOptions options)
    : sim_(sim), options_(options), links_(sim, options.latency) {
    for (std::uint32_t i = 0; i < sim.node_count(); ++i) attach(sim.node(NodeId{i}));
}

Network::Host& Network::host(NodeId node) {
    SIM_ASSERT(node.value < hosts_.size() && hosts_[node.value].node != nullptr,
               "this node is not attached to the network: call Network::attach(node)");
    return hosts_[node.value];
}

std::vector<std::uint64_t> Network::connection_ids() const {
    std::vector<std::uint64_t> ids;
    ids.reserve(connections_.size());
    for (const auto& entry : connections_) ids.push_back(entry.first);
    std::sort(ids.begin(), ids.end());
    return ids;
}

Network::Connection* Network::find(std::uint64_t id) {
    const auto it = connections_.find(id);
    return it == connections_.end() ? nullptr : &it->second;
}

const Network::Connection* Network::find(std::uint64_t id) const {
    const auto it = connections_.find(id);
    return it == connections_.end() ? nullptr : &it->second;
}

void Network::listen(NodeId node, AcceptFn accept) {
    SIM_ASSERT(host(node).node->is_up(), "a stopped node cannot listen");
    host(node).accept = std::move(accept);
}

Socket Network::connect(LinkId link, SocketHandlers handlers) {
    Node& from = *host(link.from).node;
    (void)host(link.to);  // asserts that the target is attached
    SIM_ASSERT(from.is_up(), "a stopped node cannot connect");
    SIM_ASSERT(handlers.on_message != nullptr, "a socket needs an on_message handler");
    const std::uint64_t id = ++last_id_;
    Connection& c = connections_[id];
    c.ends[0] = End{link.from, from.incarnation(), EndState::open,
                    std::make_shared<const SocketHandlers>(std::move(handlers)), {}, 0};
    c.ends[1].node = link.to;
    c.toward[1] = &links_.link(link);
    c.toward[0] = &links_.link(link.reversed());
    from.trace("net.connect", {{"conn", id}, {"peer", name(link.to)}});
    transmit(id, Side::acceptor, Packet::syn, {});
    return Socket{id, Side::initiator};
}

SendStatus Network::send(Socket socket, Payload payload) {
    Connection* c = find(socket.connection);
    if (c == nullptr || c->ends[index(socket.side)].state != EndState::open) return SendStatus::closed;
    ++stats_.sent;
    if (c->broken) {
        // The break is not noticed yet: like a write into a dead TCP socket, it vanishes.
        ++stats_.lost;
        return SendStatus::ok;
    }
    transmit(socket.connection, other(socket.side), Packet::data, std::move(payload));
    return SendStatus::ok;
}

void Network::close(Socket socket) {
    Connection* c = find(socket.connection);
    if (c == nullptr) return;
    End& e = c->ends[index(socket.side)];
    if (e.state != EndState::open) return;
    e.state = EndState::closed;
    e.handlers.reset();  // a handler running now holds its own reference
    sim_.node(e.node).trace("net.close", {{"conn", socket.connection}});
    if (!c->broken) transmit(socket.connection, other(socket.side), Packet::fin, {});
    maybe_forget(socket.connection);
}

bool Network::is_open(Socket socket) const {
    const Connection* c = find(socket.connection);
    return c != nullptr && !c->broken && c->ends[index(socket.side)].state == EndState::open;
}

NodeId Network::peer(Socket socket) const {
    const Connection* c = find(socket.connection);
    SIM_ASSERT(c != nullptr, "peer() of a connection the network has forgotten");
    return c->ends[index(other(socket.side))].node;
}

void Network::transmit(std::uint64_t id, Side to, Packet kind, Payload payload) {
    Connection& c = connections_.at(id);
    const LinkId link{c.ends[index(other(to))].node, c.ends[index(to)].node};
    LinkTable::Link& way = *c.toward[index(to)];
    if (links_.is_cut(link, &way)) {
        // TCP cannot cross: the connection dies, as it would after its retransmissions.
        if (kind == Packet::data) ++stats_.lost;
        break_connection(id, BreakCause::link_fault);
        return;
    }
    End& dst = c.ends[index(to)];
    // FIFO: an arrival is never earlier than the one before it on this direction; ties
    // keep send order because the event queue runs same-instant events first-in first-out.
    const Instant at = std::max(sim_.now() + links_.delay(way), dst.last_arrival);
    dst.last_arrival = at;
    if (kind == Packet::data) {
        ++dst.in_flight;
        if (options_.wire_observer) options_.wire_observer->on_sent(id, to, link, sim_.now(), at, payload);
    }
    sim_.schedule_at(at, [this, id, to, kind, p = std::move(payload)]() mutable {
        arrive(id, to, kind, std::move(p));
    });
}

void Network::arrive(std::uint64_t id, Side to, Packet kind, Payload payload) {
    Connection* c = find(id);
    if (kind == Packet::data && options_.wire_observer) options_.wire_observer->on_arrived(id, to);
    if (kind == Packet::data && c != nullptr) --c->ends[index(to)].in_flight;
    if (c == nullptr || c->broken) {
        if (kind == Packet::data) ++stats_.lost;
        return;
    }
    End& dst = c->ends[index(to)];
    switch (kind) {
        case Packet::syn: arrive_syn(id, *c); return;
        case Packet::syn_ack:
            if (dst.state == EndState::open)
                sim_.node(dst.node).dispatch_to(dst.incarnation, [this, id] { run_open(id); });
            return;
        case Packet::data:
            if (dst.state != EndState::open ||
                !sim_.node(dst.node).dispatch_to(dst.incarnation, [this, id, to, p = std::move(payload)]() mutable {
                    hand_over(id, to, std::move(p));
                }))
                ++stats_.lost;
            return;
        case Packet::fin:
            if (dst.state == EndState::open)
                sim_.node(dst.node).dispatch_to(dst.incarnation, [this, id, to] {
                    end_by_peer(id, to, Disconnect::peer_closed);
                });
            return;
    }
}

void Network::arrive_syn(std::uint64_t id, Connection& c) {
    End& acc = c.ends[1];
    Host& h = host(acc.node);
    if (acc.state != EndState::pending) return;
    if (h.powered_off) return break_connection(id, BreakCause::unreachable);
    // No answer can come back: the handshake dies in the operating system, unseen by the process.
    if (links_.is_cut({acc.node, c.ends[0].node}, c.toward[0])) return break_connection(id, BreakCause::link_fault);
    if (!h.node->is_up() || !h.accept) return break_connection(id, BreakCause::refused);
    // The operating system completes the handshake even if the process is paused; the
    // process accepts when it runs, before any message that followed the handshake.
    acc.state = EndState::open;
    acc.incarnation = h.node->incarnation();
    h.node->trace("net.accept", {{"conn", id}, {"peer", name(c.ends[0].node)}});
    transmit(id, Side::initiator, Packet::syn_ack, {});
    h.node->dispatch_to(acc.incarnation, [this, id] { run_accept(id); });
}

void Network::run_accept(std::uint64_t id) {
    Connection* c = find(id);
    if (c == nullptr || c->broken || c->ends[1].state != EndState::open) return;
    const NodeId peer_node = c->ends[0].node;
    // A copy: the accept function may call listen() and replace itself.
    const AcceptFn accept = host(c->ends[1].node).accept;
    SIM_ASSERT(accept != nullptr, "an accepted connection needs the listener that accepted it");
    SocketHandlers handlers = accept(Socket{id, Side::acceptor}, peer_node);
    SIM_ASSERT(handlers.on_message != nullptr, "an accept function must return an on_message handler");
    c = find(id);  // the accept function may have closed this very connection
    if (c != nullptr && c->ends[1].state == EndState::open)
        c->ends[1].handlers = std::make_shared<const SocketHandlers>(std::move(handlers));
}

void Network::run_open(std::uint64_t id) {
    Connection* c = find(id);
    if (c == nullptr || c->broken || c->ends[0].state != EndState::open) return;
    const std::shared_ptr<const SocketHandlers> h = c->ends[0].handlers;
    if (h->on_open) h->on_open(Socket{id, Side::initiator});
}

void Network::hand_over(std::uint64_t id, Side to, Payload payload) {
    Connection* c = find(id);
    // A message queued behind a pause is lost if its connection broke meanwhile.
    if (c == nullptr || c->broken || c->ends[index(to)].state != EndState::open) {
        ++stats_.lost;
        return;
    }
    const std::shared_ptr<const SocketHandlers> h = c->ends[index(to)].handlers;
    SIM_ASSERT(h != nullptr, "a message reached an accepted end before its accept ran");
    ++stats_.delivered;
    h->on_message(Socket{id, to}, std::move(payload));
}

void Network::end_by_peer(std::uint64_t id, Side side, Disconnect reason) {
    Connection* c = find(id);
    if (c == nullptr) return;
    End& e = c->ends[index(side)];
    if (e.state != EndState::open) return;
    // A graceful close overtaken by a break is reported as the break.
    if (reason == Disconnect::peer_closed && c->broken) return;
    e.state = EndState::closed;
    const std::shared_ptr<const SocketHandlers> h = std::move(e.handlers);
    sim_.node(e.node).trace("net.disconnect", {{"conn", id}, {"reason", to_string(reason)}});
    maybe_forget(id);
    if (h != nullptr && h->on_closed) h->on_closed(Socket{id, side}, reason);
}

void Network::maybe_forget(std::uint64_t id) {
    const Connection* c = find(id);
    if (c != nullptr && c->ends[0].state == EndState::closed && c->ends[1].state == EndState::closed)
        connections_.erase(id);
}

}  // namespace kafkasim::engine
