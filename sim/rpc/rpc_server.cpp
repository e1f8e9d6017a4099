#include "sim/rpc/rpc_server.h"

#include <memory>
#include <utility>

#include "engine/assert.h"

namespace kafkasim::rpc {

RpcServer::RpcServer(engine::Node& node, engine::Network& network, RequestHandler handler)
    : network_(network), handler_(std::move(handler)) {
    network_.listen(node.id(), [this](engine::Socket socket, engine::NodeId peer) {
        const std::uint64_t id = socket.connection;
        connections_[id] = Connection{socket, peer, {}, false};
        engine::SocketHandlers h;
        h.on_message = [this, id](engine::Socket, engine::Payload p) { on_request(id, std::move(p)); };
        h.on_closed = [this, id](engine::Socket, engine::Disconnect) { connections_.erase(id); };
        return h;
    });
}

void RpcServer::on_request(std::uint64_t id, engine::Payload payload) {
    auto it = connections_.find(id);
    if (it == connections_.end()) return;
    it->second.queue.push_back(std::move(payload).take<Request>());
    if (!it->second.busy) process_next(id);
}

void RpcServer::process_next(std::uint64_t id) {
    auto it = connections_.find(id);
    if (it == connections_.end() || it->second.queue.empty()) return;
    Connection& c = it->second;
    c.busy = true;
    Request request = std::move(c.queue.front());
    c.queue.pop_front();
    const CorrelationId correlation = request.correlation_id;
    auto answered = std::make_shared<bool>(false);
    Reply reply = [this, id, correlation, answered](ResponseBody body) {
        SIM_ASSERT(!*answered, "a request is answered once");
        *answered = true;
        answer(id, correlation, std::move(body));
    };
    handler_(RequestContext{c.peer, std::move(request.body)}, std::move(reply));
}

void RpcServer::answer(std::uint64_t id, CorrelationId correlation, ResponseBody body) {
    auto it = connections_.find(id);
    if (it == connections_.end()) return;
    network_.send(it->second.socket, engine::Payload(Response{correlation, std::move(body)}));
    it->second.busy = false;
    process_next(id);
}

}  // namespace kafkasim::rpc
