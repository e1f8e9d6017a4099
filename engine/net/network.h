// Network: connections between nodes, modelled on TCP (design.md, "Failures, and what
// survives them"; docs/engine.md, "Network").
//
// - A connection is opened by one node (the initiator) to another that listens (the
//   acceptor); either end sends and closes. Each direction is FIFO, and nothing is lost
//   inside a live connection: a message arrives, in order, or the connection breaks.
// - Latency per directed link comes from a LatencyModel and the link's own random stream;
//   an arrival never overtakes an earlier one on the same connection and direction.
// - A cut, a partition, an isolation or a crash breaks the connections it touches: what is
//   in flight is lost, and each surviving end learns it after a detection delay (a reset
//   or a timeout, per NetworkOptions). A clog adds delay and loses nothing.
// - Deliveries and notices reach a process through Node::dispatch_to, so a paused node
//   handles them in order when it resumes and a crashed or restarted one never sees them.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

#include "engine/net/links.h"
#include "engine/net/payload.h"
#include "engine/node.h"

namespace kafkasim::engine {

enum class Side : std::uint8_t { initiator = 0, acceptor = 1 };

// One end of a connection, as the process at that end holds it.
struct Socket {
    std::uint64_t connection = 0;  // 0 names no connection
    Side side = Side::initiator;
    bool valid() const { return connection != 0; }
    auto operator<=>(const Socket&) const = default;
};

// Why a connection ended, as the process at one end learns it.
enum class Disconnect : std::uint8_t {
    peer_closed,  // the peer closed it; everything it sent before was delivered
    reset,        // the peer's operating system reset it (its process crashed)
    refused,      // the connect reached a host where nothing listens
    timed_out,    // nothing came back: a cut, a partition, a dead machine
};

std::string_view to_string(Disconnect reason);

// Each handler is told which socket it serves, so one set can serve many connections (and
// an initiator's handlers exist before connect() has returned its socket).
struct SocketHandlers {
    std::function<void(Socket)> on_open;                // initiator only: the peer accepted (may be empty)
    std::function<void(Socket, Payload)> on_message;    // required: one message, in send order
    std::function<void(Socket, Disconnect)> on_closed;  // may be empty; the last call this end gets
};

// Run on the acceptor's node when a connection arrives; returns that end's handlers.
using AcceptFn = std::function<SocketHandlers(Socket, NodeId peer)>;

enum class SendStatus : std::uint8_t {
    ok,      // queued; it arrives in order unless the connection breaks (then on_closed says so)
    closed,  // this end was closed, or has been told its connection ended: nothing was sent
};

// How an end learns that its connection broke.
enum class BreakNotice : std::uint8_t {
    reset,    // after the shortest delay of the link toward it, as a TCP reset would travel
    timeout,  // after NetworkOptions::notice_timeout, as retransmissions or keepalives give up
};

// Watches the messages on the wire, for an observer such as the visualizer: told of each one
// when it is sent and when its arrival event runs (delivered or dropped, in send order per
// connection and direction). Observing changes nothing in the run; it must not call back.
class WireObserver {
public:
    virtual ~WireObserver() = default;
    virtual void on_sent(std::uint64_t connection, Side to, LinkId link, Instant sent, Instant due,
                         const Payload& payload) = 0;
    virtual void on_arrived(std::uint64_t connection, Side to) = 0;
};

struct NetworkOptions {
    LatencyModel latency;                              // one-way delay of every link not set otherwise
    Duration notice_timeout = Duration::s(10);         // time to notice a break learnt by timeout
    BreakNotice on_crash = BreakNotice::reset;         // a crashed process's OS resets its connections
    BreakNotice on_power_loss = BreakNotice::timeout;  // a machine without power answers nothing
    BreakNotice on_link_fault = BreakNotice::timeout;  // across a cut nothing answers either
    std::shared_ptr<WireObserver> wire_observer;       // may be null
};

struct NetworkStats {
    std::uint64_t sent = 0;       // messages accepted by send()
    std::uint64_t delivered = 0;  // messages handed to on_message
    std::uint64_t lost = 0;       // messages dropped because their connection broke or an end closed
};

class Network {
public:
    // Attaches every node the simulation has now; later nodes need attach().
    // The network must outlive the simulation's run: nodes call back into it.
    explicit Network(Simulation& sim, NetworkOptions options = {});
    Network(const Network&) = delete;
    Network& operator=(const Network&) = delete;

    // Watches `node`'s lifecycle so that its crashes break its connections. Once per node.
    void attach(Node& node);

    // Incoming connections to `node` go to `accept` until the node's process stops (a crash
    // forgets it: the restarted process listens again). Replaces an earlier accept.
    void listen(NodeId node, AcceptFn accept);
    // Opens a connection from link.from (which must be up) to link.to. Returns at once; the
    // caller may send straight away (messages follow the handshake in order). on_open runs
    // when the acceptor's side is set up; on_closed if it is refused, times out or breaks.
    Socket connect(LinkId link, SocketHandlers handlers);
    // Sends `payload` to the peer. Caller guarantees the socket came from this network.
    SendStatus send(Socket socket, Payload payload);
    // Closes this end: no further call reaches it. The peer gets on_closed(peer_closed) after
    // every message this end sent before. Closing a closed socket does nothing.
    void close(Socket socket);
    bool is_open(Socket socket) const;
    NodeId peer(Socket socket) const;

    // Faults. Each leaves a trace record and takes effect at once.
    void set_link_latency(LinkId link, LatencyModel model);
    void cut(LinkId link, Direction dir);
    void partition(const std::vector<std::vector<NodeId>>& groups);
    void isolate(NodeId node);
    void clog(LinkId link, Duration extra, Direction dir);
    void heal();

    const NetworkStats& stats() const { return stats_; }
    // Connections with at least one end still open or not yet noticed.
    std::size_t connection_count() const { return connections_.size(); }

private:
    enum class EndState : std::uint8_t { pending, open, closed };
    enum class Packet : std::uint8_t { syn, syn_ack, data, fin };
    enum class BreakCause : std::uint8_t { crash, power_loss, link_fault, refused, unreachable };
    struct End {
        NodeId node;
        std::uint64_t incarnation = 0;
        EndState state = EndState::pending;
        std::shared_ptr<const SocketHandlers> handlers;  // shared: a running handler may close its end
        Instant last_arrival;       // of packets travelling to this end, for FIFO
        std::uint64_t in_flight = 0;  // data packets travelling to this end
    };
    struct Connection {
        End ends[2];
        LinkTable::Link* toward[2] = {nullptr, nullptr};  // the link carrying packets to ends[i]
        bool broken = false;
    };
    struct Host {
        Node* node = nullptr;
        AcceptFn accept;
        bool powered_off = false;
    };

    static std::string_view cause_name(BreakCause cause);
    static int index(Side s) { return static_cast<int>(s); }
    static Side other(Side s) { return s == Side::initiator ? Side::acceptor : Side::initiator; }
    // Every connection's id in increasing order: the fault paths walk connections in this
    // order, never in the hash map's.
    std::vector<std::uint64_t> connection_ids() const;
    Connection* find(std::uint64_t id);
    const Connection* find(std::uint64_t id) const;
    Host& host(NodeId node);

    void transmit(std::uint64_t id, Side to, Packet kind, Payload payload);
    void arrive(std::uint64_t id, Side to, Packet kind, Payload payload);
    void arrive_syn(std::uint64_t id, Connection& c);
    void run_accept(std::uint64_t id);
    void run_open(std::uint64_t id);
    void hand_over(std::uint64_t id, Side to, Payload payload);
    void end_by_peer(std::uint64_t id, Side side, Disconnect reason);
    void maybe_forget(std::uint64_t id);

    void break_connection(std::uint64_t id, BreakCause cause);
    void schedule_notice(std::uint64_t id, Side side, BreakCause cause);
    void break_cut_connections();
    void on_node_down(NodeId node, BreakCause cause);
    std::string_view name(NodeId node) const { return sim_.trace().node_name(node); }

    Simulation& sim_;
    NetworkOptions options_;
    LinkTable links_;
    std::vector<Host> hosts_;  // by node id
    // Looked up on every packet; iterated only through connection_ids().
    std::unordered_map<std::uint64_t, Connection> connections_;
    std::uint64_t last_id_ = 0;
    NetworkStats stats_;
};

}  // namespace kafkasim::engine
