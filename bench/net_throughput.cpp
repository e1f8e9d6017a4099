// bench/net_throughput: messages per second through the simulated network. N nodes in a
// ring, each with one connection to the next; every simulated millisecond each node sends a
// burst, until M messages in all have been sent. Wall time covers the run loop only.
//   net_throughput [--seed S] N M
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "bench/bench_args.h"
#include "engine/net/network.h"

namespace {

using namespace kafkasim::engine;

struct Ping {
    std::uint64_t seq;
    std::uint64_t stamp;
};

constexpr std::uint64_t burst = 64;

class Sender : public Process {
public:
    Sender(Node& node, Network& net, NodeId next, std::uint64_t& budget, std::uint64_t& received)
        : node_(node), net_(net), budget_(budget) {
        net_.listen(node.id(), [&received](Socket, NodeId) {
            return SocketHandlers{{}, [&received](Socket, Payload) { ++received; }, {}};
        });
        socket_ = net_.connect({node.id(), next}, SocketHandlers{{}, [](Socket, Payload) {}, {}});
        node_.set_timer(Duration::ms(1), [this] { tick(); });
    }

private:
    void tick() {
        for (std::uint64_t i = 0; i < burst && budget_ > 0; ++i, --budget_)
            net_.send(socket_, Payload(Ping{seq_++, static_cast<std::uint64_t>(node_.now().us())}));
        if (budget_ > 0) node_.set_timer(Duration::ms(1), [this] { tick(); });
    }

    Node& node_;
    Network& net_;
    std::uint64_t& budget_;
    Socket socket_;
    std::uint64_t seq_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
    kafkasim::bench::SeedAndCounts a;
    if (!kafkasim::bench::parse_seed_and_counts(argc, argv, a) || a.n < 2) {
        std::fprintf(stderr, "usage: net_throughput [--seed S] N M   (N >= 2 nodes, M messages)\n");
        return 2;
    }
    const std::uint64_t seed = a.seed, nodes = a.n, messages = a.m;
    Simulation sim(seed);
    std::vector<Node*> ring;
    for (std::uint64_t n = 0; n < nodes; ++n) ring.push_back(&sim.add_node("node-" + std::to_string(n)));
    Network net(sim);
    std::uint64_t budget = messages, received = 0;
    for (std::uint64_t n = 0; n < nodes; ++n) {
        const NodeId next = ring[(n + 1) % nodes]->id();
        ring[n]->set_process_factory([&net, next, &budget, &received](Node& self) {
            return std::make_unique<Sender>(self, net, next, budget, received);
        });
    }
    for (Node* n : ring) n->start();
    const auto t0 = std::chrono::steady_clock::now();
    sim.run_all();
    const double loop_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("RESULT bench=net_throughput N=%llu M=%llu delivered=%llu events=%llu sim_ms=%lld loop_s=%.3f "
                "msgs_per_s=%.0f trace_hash=%s\n",
                static_cast<unsigned long long>(nodes), static_cast<unsigned long long>(messages),
                static_cast<unsigned long long>(received), static_cast<unsigned long long>(sim.events_processed()),
                static_cast<long long>(sim.now().ms()), loop_s, loop_s > 0 ? static_cast<double>(received) / loop_s : 0.0,
                sim.trace().hash_hex().c_str());
    return received == messages ? 0 : 1;
}
