// RpcClient: a process's outgoing requests, over one connection per destination node, as
// Kafka's NetworkClient keeps them. Each request gets a correlation id and its answer comes
// back to the callback given with it. Transport failures are answers too: a broken
// connection fails every request in flight on it with NETWORK_EXCEPTION, and a request
// unanswered after its timeout fails with REQUEST_TIMED_OUT and closes the connection, as
// Kafka's client disconnects on a request timeout.
//
// A connection is ready once the peer accepted it (NetworkClient.isReady); a client that
// must not write into a connection still being opened (the producer's Sender) asks ready()
// and opens one with connect(), and a ConnectionListener tells it when a connection became
// ready and when one was lost (NetworkClient.processDisconnection), whether or not requests
// were waiting on it.
#pragma once

#include <functional>
#include <map>

#include "engine/net/network.h"
#include "sim/proto/envelope.h"

namespace kafkasim::rpc {

struct RpcResult {
    Errc transport = Errc::none;  // NETWORK_EXCEPTION or REQUEST_TIMED_OUT; NONE with a body
    ResponseBody body;
    bool ok() const { return transport == Errc::none; }
};

using ResponseFn = std::function<void(RpcResult)>;

// Either may be empty. Both run on this node, at the moment the client learns of the change.
struct ConnectionListener {
    // The peer accepted a connection this client opened.
    std::function<void(engine::NodeId)> on_ready;
    // A connection ended without this client closing it: refused, reset, timed out, or closed
    // after a request timed out. It runs before the requests waiting on it are failed, as
    // Kafka's NetworkClient marks the node disconnected before it completes them.
    std::function<void(engine::NodeId)> on_lost;
};

class RpcClient {
public:
    RpcClient(engine::Node& node, engine::Network& network);
    RpcClient(const RpcClient&) = delete;
    RpcClient& operator=(const RpcClient&) = delete;

    // Sends `body` to `dest` (opening a connection if none is open) and calls `done` exactly
    // once, later, on this node: with the response, or with a transport error. Requests to
    // one destination are sent, and answered, in order.
    void send(engine::NodeId dest, RequestBody body, engine::Duration timeout, ResponseFn done);
    // Writes `body` to `dest`'s connection expecting no answer (a Produce with acks=0: Kafka
    // completes it once written); an answer that comes anyway is dropped. Returns whether it
    // was written: false if no connection to `dest` is ready. Written is not delivered: a
    // connection that broke unnoticed loses it.
    bool send_without_response(engine::NodeId dest, RequestBody body);
    // Opens a connection to `dest` if none is open; its readiness comes to the listener.
    void connect(engine::NodeId dest);
    void set_listener(ConnectionListener listener) { listener_ = std::move(listener); }

    // Requests waiting for an answer from `dest`.
    std::size_t in_flight(engine::NodeId dest) const;
    bool connected(engine::NodeId dest) const;
    // Connected, and the peer has accepted the connection.
    bool ready(engine::NodeId dest) const;

    // Closes the connection to `dest`, failing its requests with NETWORK_EXCEPTION.
    void disconnect(engine::NodeId dest);

private:
    struct Pending {
        ResponseFn done;
        engine::TimerId timer;
    };
    struct Connection {
        engine::Socket socket;
        std::uint64_t generation = 0;
        bool accepted = false;  // the peer accepted it (on_open)
        std::map<std::int32_t, Pending> pending;  // by correlation id
    };

    Connection& open(engine::NodeId dest);
    void on_open(engine::NodeId dest, std::uint64_t generation);
    void on_response(engine::NodeId dest, std::uint64_t generation, engine::Payload payload);
    void on_closed(engine::NodeId dest, std::uint64_t generation);
    void on_timeout(engine::NodeId dest, std::uint64_t generation, std::int32_t correlation);
    void fail_all(Connection& c, Errc why);

    engine::Node& node_;
    engine::Network& network_;
    ConnectionListener listener_;
    std::map<engine::NodeId, Connection> connections_;
    std::int32_t next_correlation_ = 0;
    std::uint64_t next_generation_ = 0;
};

}  // namespace kafkasim::rpc
