// RpcServer: a process's incoming requests. It listens on the node, and hands each request
// to the process with a Reply that sends the answer back on the same connection. As a Kafka
// broker does, it processes one request per connection at a time: the next request on a
// connection waits until the previous one has been answered, so answers go back in order
// even when one waits (an acks=all produce, a long-polling fetch).
#pragma once

#include <deque>
#include <functional>
#include <map>

#include "engine/net/network.h"
#include "sim/proto/envelope.h"

namespace kafkasim::rpc {

// Answers one request. Calling it after the connection closed does nothing; calling it
// twice is a bug.
using Reply = std::function<void(ResponseBody)>;

struct RequestContext {
    engine::NodeId from;
    RequestBody body;
};

using RequestHandler = std::function<void(RequestContext, Reply)>;

class RpcServer {
public:
    // Starts listening on `node` at once.
    RpcServer(engine::Node& node, engine::Network& network, RequestHandler handler);
    RpcServer(const RpcServer&) = delete;
    RpcServer& operator=(const RpcServer&) = delete;

private:
    struct Connection {
        engine::Socket socket;
        engine::NodeId peer;
        std::deque<Request> queue;
        bool busy = false;
    };
    void on_request(std::uint64_t id, engine::Payload payload);
    void process_next(std::uint64_t id);
    void answer(std::uint64_t id, CorrelationId correlation, ResponseBody body);

    engine::Network& network_;
    RequestHandler handler_;
    std::map<std::uint64_t, Connection> connections_;  // by connection id
};

}  // namespace kafkasim::rpc
