// RpcClient: a process's outgoing requests, over one connection per destination node, as
// Kafka's NetworkClient keeps them. Each request gets a correlation id and its answer comes
// back to the callback given with it. Transport failures are answers too: a broken
// connection fails every request in flight on it with NETWORK_EXCEPTION, and a request
// unanswered after its timeout fails with REQUEST_TIMED_OUT and closes the connection, as
// Kafka's client disconnects on a request timeout.
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

class RpcClient {
public:
    RpcClient(engine::Node& node, engine::Network& network);
    RpcClient(const RpcClient&) = delete;
    RpcClient& operator=(const RpcClient&) = delete;

    // Sends `body` to `dest` (opening a connection if none is open) and calls `done` exactly
    // once, later, on this node: with the response, or with a transport error. Requests to
    // one destination are sent, and answered, in order.
    void send(engine::NodeId dest, RequestBody body, engine::Duration timeout, ResponseFn done);

    // Requests waiting for an answer from `dest`.
    std::size_t in_flight(engine::NodeId dest) const;
    bool connected(engine::NodeId dest) const;

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
        std::map<std::int32_t, Pending> pending;  // by correlation id
    };

    Connection& open(engine::NodeId dest);
    void on_response(engine::NodeId dest, std::uint64_t generation, engine::Payload payload);
    void on_closed(engine::NodeId dest, std::uint64_t generation);
    void on_timeout(engine::NodeId dest, std::uint64_t generation, std::int32_t correlation);
    void fail_all(Connection& c, Errc why);

    engine::Node& node_;
    engine::Network& network_;
    std::map<engine::NodeId, Connection> connections_;
    std::int32_t next_correlation_ = 0;
    std::uint64_t next_generation_ = 0;
};

}  // namespace kafkasim::rpc
