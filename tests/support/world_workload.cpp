#include "tests/support/world_workload.h"

#include <memory>
#include <string>
#include <vector>

#include "engine/faults.h"
#include "tests/support/world_peer.h"

namespace kafkasim::testing {

namespace {

using namespace engine;

struct World {
    explicit World(const WorldWorkloadOptions& o) : sim(o.seed) {
        NetworkOptions net_options;
        net_options.latency = {Duration::us(200), Duration::ms(4), LatencyShape::normal};
        net_options.notice_timeout = Duration::ms(150);
        for (std::uint32_t i = 0; i < o.nodes; ++i) nodes.push_back(&sim.add_node("node-" + std::to_string(i)));
        net = std::make_unique<Network>(sim, net_options);
        faults = std::make_unique<FaultInjector>(sim, *net);
        NodeDiskOptions disk_options;
        disk_options.durability.writeback = Duration::ms(400);  // short, so that write-back happens in a run
        for (Node* n : nodes) {
            disks.push_back(std::make_unique<NodeDisk>(*n, disk_options));
            faults->add_disk(n->id(), *disks.back());
            Disk* disk = &disks.back()->disk();
            n->set_process_factory([this, disk](Node& self) {
                return std::make_unique<WorldPeer>(self, *net, *disk, static_cast<std::uint32_t>(nodes.size()));
            });
        }
    }
    NodeId pick(Random& rng) const { return nodes[rng.uniform(nodes.size())]->id(); }

    Simulation sim;
    std::vector<Node*> nodes;
    std::unique_ptr<Network> net;
    std::unique_ptr<FaultInjector> faults;
    std::vector<std::unique_ptr<NodeDisk>> disks;
    std::uint64_t fault_count = 0;
};

Duration between(Random& rng, std::int64_t lo_ms, std::int64_t hi_ms) {
    return Duration::ms(rng.uniform_between(lo_ms, hi_ms));
}

// One random fault at `at`, and what undoes it a little later.
void plan_fault(World& w, Random& rng, Instant at) {
    FaultInjector& f = *w.faults;
    const NodeId n = w.pick(rng);
    const NodeId m = w.pick(rng);
    const Direction dir = rng.chance(1, 2) ? Direction::one_way : Direction::both_ways;
    const Instant later = at + between(rng, 20, 300);
    switch (rng.uniform(11)) {
        case 0: f.schedule(at, CrashFault{n}); f.schedule(later, RestartFault{n}); break;
        case 1:
            f.schedule(at, PowerLossFault{{n, m}, rng.chance(1, 2) ? TornTail::random : TornTail::off});
            f.schedule(later, RestartFault{n});
            f.schedule(later + Duration::ms(1), RestartFault{m});
            break;
        case 2: f.schedule(at, PauseFault{n, between(rng, 5, 200)}); break;
        case 3: f.schedule(at, CutFault{{n, m}, dir}); f.schedule(later, HealFault{}); break;
        case 4: {
            std::vector<std::vector<NodeId>> groups(2);
            for (Node* node : w.nodes) groups[rng.uniform(2)].push_back(node->id());
            f.schedule(at, PartitionFault{groups});
            f.schedule(later, HealFault{});
            break;
        }
        case 5: f.schedule(at, IsolateFault{n}); f.schedule(later, HealFault{}); break;
        case 6: f.schedule(at, ClogFault{{n, m}, between(rng, 1, 40), dir}); f.schedule(later, HealFault{}); break;
        case 7: f.schedule(at, HealFault{}); break;
        case 8: f.schedule(at, SlowDiskFault{n, static_cast<std::uint32_t>(rng.uniform_between(2, 10))});
                f.schedule(later, SlowDiskFault{n, 1}); break;
        case 9: {
            // A little room left at the moment the fault strikes, whatever the node wrote before.
            NodeDisk* disk = w.disks[n.value].get();
            const std::uint64_t room = rng.uniform(600);
            w.sim.schedule_at(at, [&f, disk, n, room] { f.inject(DiskCapacityFault{n, disk->disk().used_bytes() + room}); });
            f.schedule(later, DiskCapacityFault{n, CapacityDisk::unlimited});
            break;
        }
        default: f.schedule(at, PowerLossFault{{n}, TornTail::random}); f.schedule(later, RestartFault{n}); break;
    }
    ++w.fault_count;
}

}  // namespace

WorldWorkloadResult run_world_workload(const WorldWorkloadOptions& options) {
    World w(options);
    if (options.sink) w.sim.trace().add_sink(options.sink);
    for (Node* n : w.nodes) n->start();
    Random rng = w.sim.random_stream("faults");
    const Instant end = Instant::zero() + Duration::ms(options.duration_ms);
    for (Instant t = Instant::zero() + rng.exponential(Duration::ms(40)); t < end; t += rng.exponential(Duration::ms(40)))
        plan_fault(w, rng, t);
    w.sim.run_until(end);
    // A healed phase: every fault ends and every node runs again, so the run converges.
    w.faults->inject(HealFault{});
    for (std::size_t i = 0; i < w.nodes.size(); ++i) {
        w.faults->inject(SlowDiskFault{w.nodes[i]->id(), 1});
        w.faults->inject(DiskCapacityFault{w.nodes[i]->id(), CapacityDisk::unlimited});
        w.faults->inject(RestartFault{w.nodes[i]->id()});
    }
    w.sim.run_until(end + Duration::s(1));
    const NetworkStats& st = w.net->stats();
    w.sim.trace_event("run.end", {{"events", w.sim.events_processed()}, {"delivered", st.delivered}, {"lost", st.lost}});
    return {w.sim.trace().hash(), w.sim.events_processed(), w.sim.trace().records(), st.delivered, st.lost,
            w.fault_count};
}

}  // namespace kafkasim::testing
