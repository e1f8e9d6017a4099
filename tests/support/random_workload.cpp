#include "tests/support/random_workload.h"

#include <memory>
#include <vector>

#include "engine/node.h"
#include "engine/simulation.h"

namespace kafkasim::testing {

namespace {

using engine::Duration;
using engine::Node;
using engine::Random;
using engine::Simulation;

// What runs on each node: a counter rebuilt from nothing at every start.
class Worker : public engine::Process {
public:
    Worker(Node& node, std::vector<Node*>& peers)
        : node_(node), peers_(peers), rng_(node.sim().random_stream(node.name())) {
        arm();
    }

private:
    void arm() {
        node_.set_timer(rng_.exponential(Duration::ms(20)), [this] { tick(); });
        if (rng_.chance(1, 4)) {
            // A side timer that does not re-arm, cancelled half the time.
            const auto extra = node_.set_timer(rng_.exponential(Duration::ms(50)), [this] {
                node_.trace("work.side", {{"ticks", ticks_}});
            });
            if (rng_.chance(1, 2)) node_.cancel_timer(extra);
        }
    }
    void tick() {
        ++ticks_;
        Node& peer = *peers_[rng_.uniform(peers_.size())];
        const std::int64_t payload = static_cast<std::int64_t>(rng_.uniform(1000));
        node_.trace("work.tick", {{"ticks", ticks_}, {"to", peer.name()}, {"payload", payload}});
        const Duration delay = rng_.bounded_normal(Duration::ms(5), Duration::ms(2), Duration::ms(1),
                                                   Duration::ms(10));
        Node* target = &peer;
        const std::uint64_t inc = peer.incarnation();
        node_.sim().schedule_after(delay, [target, inc, payload] {
            if (target->incarnation() != inc) return;
            target->dispatch([target, payload] {
                target->trace("work.receive", {{"payload", payload}});
            });
        });
        arm();
    }

    Node& node_;
    std::vector<Node*>& peers_;
    Random rng_;
    std::int64_t ticks_ = 0;
};

void schedule_faults(Simulation& sim, std::vector<Node*>& nodes, Random& faults, Duration end) {
    for (Duration t = Duration::zero(); t < end; t += faults.exponential(Duration::ms(100))) {
        Node* n = nodes[faults.uniform(nodes.size())];
        const std::uint64_t kind = faults.uniform(4);
        const Duration length = Duration::ms(faults.uniform_between(5, 80));
        sim.schedule_at(engine::Instant::zero() + t, [&sim, n, kind, length] {
            switch (kind) {
                case 0:
                    n->crash();
                    sim.schedule_after(length, [n] { n->start(); });
                    break;
                case 1:
                    n->power_loss();
                    sim.schedule_after(length, [n] { n->start(); });
                    break;
                default: n->pause(length); break;
            }
        });
    }
}

}  // namespace

RandomWorkloadResult run_random_workload(const RandomWorkloadOptions& options) {
    Simulation sim(options.seed);
    std::vector<Node*> nodes;
    for (std::uint32_t i = 0; i < options.nodes; ++i) nodes.push_back(&sim.add_node("node-" + std::to_string(i)));
    for (Node* n : nodes) {
        n->set_process_factory([&nodes](Node& self) { return std::make_unique<Worker>(self, nodes); });
        n->start();
    }
    Random faults = sim.random_stream("faults");
    const Duration end = Duration::ms(options.duration_ms);
    schedule_faults(sim, nodes, faults, end);
    sim.run_until(engine::Instant::zero() + end);
    sim.trace_event("run.end", {{"events", sim.events_processed()}});
    return {sim.trace().hash(), sim.events_processed(), sim.trace().records()};
}

}  // namespace kafkasim::testing
