#include "tests/support/world_peer.h"

#include <string>

namespace kafkasim::testing {

using engine::Bytes;
using engine::Disconnect;
using engine::DiskStatus;
using engine::Duration;
using engine::Payload;
using engine::Socket;

WorldPeer::WorldPeer(engine::Node& node, engine::Network& net, engine::Disk& disk, std::uint32_t node_count)
    : node_(node),
      net_(net),
      disk_(disk),
      node_count_(node_count),
      // A stream per incarnation: a restarted process does not replay its predecessor's choices.
      rng_(node.sim().random_stream(node.name()).split("work-" + std::to_string(node.incarnation()))) {
    recover();
    net_.listen(node_.id(), [this](Socket s, engine::NodeId) {
        conns_[s] = Conn{};
        return handlers();
    });
    node_.set_timer(rng_.exponential(Duration::ms(4)), [this] { tick(); });
}

void WorldPeer::recover() {
    // What a restarted process may know: its own files, read synchronously as it starts.
    std::uint64_t bytes = 0;
    const std::vector<std::string> names = disk_.list_now();
    for (const std::string& name : names) bytes += disk_.read_now(name).value().size();
    node_.trace("work.recover", {{"files", static_cast<std::uint64_t>(names.size())}, {"bytes", bytes}});
    segments_ = names.size();
    if (!disk_.read_now("log").ok()) disk_.create("log", note("create"));
}

engine::SocketHandlers WorldPeer::handlers() {
    return {
        [this](Socket s) { node_.trace("work.open", {{"conn", s.connection}}); },
        [this](Socket s, Payload p) { receive(s, std::move(p)); },
        [this](Socket s, Disconnect why) { closed(s, why); },
    };
}

void WorldPeer::receive(Socket s, Payload p) {
    const auto& m = p.as<WorldMessage>();
    Conn& c = conns_.at(s);
    // The network's promise: in order, nothing missing, while the connection lives.
    SIM_ASSERT(m.seq == c.next_receive, "a live connection delivered out of order or lost a message");
    ++c.next_receive;
    c.saw_last = m.last;
    node_.trace("work.receive", {{"conn", s.connection}, {"seq", m.seq}, {"size", static_cast<std::uint64_t>(m.body.size())}});
}

void WorldPeer::closed(Socket s, Disconnect why) {
    const auto it = conns_.find(s);
    SIM_ASSERT(it != conns_.end(), "a close notice for a socket this process never had");
    // A graceful close comes after everything the peer sent, its last message included.
    if (why == Disconnect::peer_closed) SIM_ASSERT(it->second.saw_last, "a peer's close overtook its messages");
    node_.trace("work.closed", {{"conn", s.connection}, {"reason", engine::to_string(why)}});
    conns_.erase(it);
}

void WorldPeer::tick() {
    const std::uint64_t roll = rng_.uniform(100);
    if (roll < 12) connect();
    else if (roll < 55) send_some();
    else if (roll < 60) close_one();
    else if (roll < 95) disk_work();
    else checkpoint();
    node_.set_timer(rng_.exponential(Duration::ms(4)), [this] { tick(); });
}

void WorldPeer::connect() {
    if (conns_.size() >= 6) return;
    const auto to = engine::NodeId{static_cast<std::uint32_t>(rng_.uniform(node_count_))};
    if (to == node_.id()) return;
    const Socket s = net_.connect({node_.id(), to}, handlers());
    conns_[s] = Conn{};
}

Socket WorldPeer::pick_socket() {
    if (conns_.empty()) return {};
    auto it = conns_.begin();
    std::advance(it, static_cast<std::ptrdiff_t>(rng_.uniform(conns_.size())));
    return it->first;
}

void WorldPeer::send_some() {
    const Socket s = pick_socket();
    if (!s.valid()) return connect();
    Conn& c = conns_.at(s);
    const std::uint64_t n = 1 + rng_.uniform(4);
    for (std::uint64_t i = 0; i < n; ++i) {
        WorldMessage m{c.next_send, false, std::string(rng_.uniform(64), 'x')};
        if (net_.send(s, Payload(std::move(m))) == engine::SendStatus::ok) ++c.next_send;
    }
}

void WorldPeer::close_one() {
    const Socket s = pick_socket();
    if (!s.valid()) return;
    Conn& c = conns_.at(s);
    net_.send(s, Payload(WorldMessage{c.next_send, true, {}}));
    net_.close(s);
    node_.trace("work.close", {{"conn", s.connection}, {"sent", c.next_send}});
    conns_.erase(s);
}

engine::StatusDone WorldPeer::note(std::string_view op) {
    return [this, op](DiskStatus st) { node_.trace("work.disk", {{"op", op}, {"status", engine::to_string(st)}}); };
}

void WorldPeer::disk_work() {
    const std::uint64_t roll = rng_.uniform(100);
    if (roll < 60) {
        disk_.append("log", Bytes(8 + rng_.uniform(200), static_cast<std::uint8_t>(roll)), note("append"));
    } else if (roll < 80) {
        disk_.sync(note("sync"));
    } else if (roll < 88) {
        const engine::Result<Bytes> log = disk_.read_now("log");
        disk_.truncate("log", log.ok() ? log.value().size() / 2 : 0, note("truncate"));
    } else if (roll < 94) {
        disk_.read({"log", rng_.uniform(64), 64}, [this](engine::Result<Bytes> r) {
            node_.trace("work.read", {{"status", engine::to_string(r.status())},
                                      {"bytes", static_cast<std::uint64_t>(r.ok() ? r.value().size() : 0)}});
        });
    } else if (roll < 97) {
        const std::string seg = "seg-" + std::to_string(segments_++);
        disk_.create(seg, note("create"));
        disk_.append(seg, Bytes(32, 1), note("append"));
    } else {
        std::vector<std::string> names = disk_.list_now();
        std::erase(names, "log");
        if (!names.empty()) disk_.remove(names[rng_.uniform(names.size())], note("remove"));
    }
}

void WorldPeer::checkpoint() {
    // The checkpoint pattern of design.md: temporary file, sync, atomic rename, sync.
    const Bytes content(16, static_cast<std::uint8_t>(rng_.uniform(256)));
    disk_.remove("ckpt.tmp", {});
    disk_.create("ckpt.tmp", {});
    disk_.append("ckpt.tmp", content, {});
    disk_.sync([this](DiskStatus) {
        disk_.rename("ckpt.tmp", "ckpt", note("rename"));
        disk_.sync(note("sync"));
    });
}

}  // namespace kafkasim::testing
