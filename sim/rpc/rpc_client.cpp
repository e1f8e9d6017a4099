#include "sim/rpc/rpc_client.h"

#include <utility>
#include <vector>

namespace kafkasim::rpc {

RpcClient::RpcClient(engine::Node& node, engine::Network& network) : node_(node), network_(network) {}

RpcClient::Connection& RpcClient::open(engine::NodeId dest) {
    auto it = connections_.find(dest);
    if (it != connections_.end() && network_.is_open(it->second.socket)) return it->second;
    if (it != connections_.end()) {
        // It broke: the client learns it now, as it would from the failed write.
        on_closed(dest, it->second.generation);
        // A callback of a failed request may have opened the next connection already.
        it = connections_.find(dest);
        if (it != connections_.end() && network_.is_open(it->second.socket)) return it->second;
    }
    const std::uint64_t generation = ++next_generation_;
    engine::SocketHandlers handlers;
    handlers.on_open = [this, dest, generation](engine::Socket) { on_open(dest, generation); };
    handlers.on_message = [this, dest, generation](engine::Socket, engine::Payload p) { on_response(dest, generation, std::move(p)); };
    handlers.on_closed = [this, dest, generation](engine::Socket, engine::Disconnect) { on_closed(dest, generation); };
    Connection& c = connections_[dest];
    c.generation = generation;
    c.accepted = false;
    c.pending.clear();
    c.socket = network_.connect(engine::LinkId{node_.id(), dest}, std::move(handlers));
    return c;
}

void RpcClient::send(engine::NodeId dest, RequestBody body, engine::Duration timeout, ResponseFn done) {
    Connection& c = open(dest);
    const std::int32_t correlation = next_correlation_++;
    const std::uint64_t generation = c.generation;
    const engine::TimerId timer =
        node_.set_timer(timeout, [this, dest, generation, correlation] { on_timeout(dest, generation, correlation); });
    c.pending.emplace(correlation, Pending{std::move(done), timer});
    if (network_.send(c.socket, engine::Payload(Request{CorrelationId{correlation}, std::move(body)})) !=
        engine::SendStatus::ok) {
        // The connection is already known dead: fail everything on it, this request included.
        on_closed(dest, generation);
    }
}

bool RpcClient::send_without_response(engine::NodeId dest, RequestBody body) {
    if (!ready(dest)) return false;
    const std::int32_t correlation = next_correlation_++;
    return network_.send(connections_.at(dest).socket,
                         engine::Payload(Request{CorrelationId{correlation}, std::move(body)})) == engine::SendStatus::ok;
}

void RpcClient::connect(engine::NodeId dest) { open(dest); }

std::size_t RpcClient::in_flight(engine::NodeId dest) const {
    const auto it = connections_.find(dest);
    return it == connections_.end() ? 0 : it->second.pending.size();
}

bool RpcClient::connected(engine::NodeId dest) const {
    const auto it = connections_.find(dest);
    return it != connections_.end() && network_.is_open(it->second.socket);
}

bool RpcClient::ready(engine::NodeId dest) const {
    const auto it = connections_.find(dest);
    return it != connections_.end() && it->second.accepted && network_.is_open(it->second.socket);
}

void RpcClient::disconnect(engine::NodeId dest) {
    auto it = connections_.find(dest);
    if (it == connections_.end()) return;
    network_.close(it->second.socket);
    Connection dead = std::move(it->second);
    connections_.erase(it);
    fail_all(dead, Errc::network_exception);
}

void RpcClient::on_open(engine::NodeId dest, std::uint64_t generation) {
    auto it = connections_.find(dest);
    if (it == connections_.end() || it->second.generation != generation) return;
    it->second.accepted = true;
    if (listener_.on_ready) listener_.on_ready(dest);
}

void RpcClient::on_response(engine::NodeId dest, std::uint64_t generation, engine::Payload payload) {
    auto it = connections_.find(dest);
    if (it == connections_.end() || it->second.generation != generation) return;
    Response r = std::move(payload).take<Response>();
    auto p = it->second.pending.find(r.correlation_id.value);
    if (p == it->second.pending.end()) return;  // answered after its timeout: dropped
    Pending pending = std::move(p->second);
    it->second.pending.erase(p);
    node_.cancel_timer(pending.timer);
    pending.done(RpcResult{Errc::none, std::move(r.body)});
}

void RpcClient::on_closed(engine::NodeId dest, std::uint64_t generation) {
    auto it = connections_.find(dest);
    if (it == connections_.end() || it->second.generation != generation) return;
    Connection dead = std::move(it->second);
    connections_.erase(it);
    network_.close(dead.socket);
    if (listener_.on_lost) listener_.on_lost(dest);
    fail_all(dead, Errc::network_exception);
}

void RpcClient::on_timeout(engine::NodeId dest, std::uint64_t generation, std::int32_t correlation) {
    auto it = connections_.find(dest);
    if (it == connections_.end() || it->second.generation != generation) return;
    auto p = it->second.pending.find(correlation);
    if (p == it->second.pending.end()) return;
    Pending timed_out = std::move(p->second);
    it->second.pending.erase(p);
    // Kafka's client closes a connection on which a request timed out.
    Connection dead = std::move(it->second);
    connections_.erase(it);
    network_.close(dead.socket);
    if (listener_.on_lost) listener_.on_lost(dest);
    timed_out.done(RpcResult{Errc::request_timed_out, {}});
    fail_all(dead, Errc::network_exception);
}

void RpcClient::fail_all(Connection& c, Errc why) {
    // Callbacks may send again (and reopen): take the list first, fail in correlation order.
    std::map<std::int32_t, Pending> pending = std::move(c.pending);
    c.pending.clear();
    for (auto& [id, p] : pending) {
        node_.cancel_timer(p.timer);
        p.done(RpcResult{why, {}});
    }
}

}  // namespace kafkasim::rpc
