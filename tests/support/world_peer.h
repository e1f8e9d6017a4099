// The process of the world workload (world_workload.h): one per node and incarnation.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/disk/disk.h"
#include "engine/net/network.h"

namespace kafkasim::testing {

// A message of the workload: numbered per connection; the last one before a close says so.
struct WorldMessage {
    std::uint64_t seq = 0;
    bool last = false;
    std::string body;
};

class WorldPeer : public engine::Process {
public:
    WorldPeer(engine::Node& node, engine::Network& net, engine::Disk& disk, std::uint32_t node_count);

private:
    struct Conn {
        std::uint64_t next_send = 0;
        std::uint64_t next_receive = 0;
        bool saw_last = false;
    };

    void recover();
    engine::SocketHandlers handlers();
    void receive(engine::Socket s, engine::Payload p);
    void closed(engine::Socket s, engine::Disconnect why);
    void tick();
    void connect();
    void send_some();
    void close_one();
    void disk_work();
    void checkpoint();
    engine::Socket pick_socket();
    engine::StatusDone note(std::string_view op);

    engine::Node& node_;
    engine::Network& net_;
    engine::Disk& disk_;
    std::uint32_t node_count_;
    engine::Random rng_;
    std::map<engine::Socket, Conn> conns_;
    std::uint64_t segments_ = 0;
};

}  // namespace kafkasim::testing
