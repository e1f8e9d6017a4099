#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/faults.h"
#include "engine/trace_sinks.h"

using namespace kafkasim::engine;

namespace {

struct Rig {
    Rig() : sim(5) {
        for (int i = 0; i < 3; ++i) nodes.push_back(&sim.add_node("n" + std::to_string(i)));
        net = std::make_unique<Network>(sim);
        faults = std::make_unique<FaultInjector>(sim, *net);
        for (Node* n : nodes) {
            disks.push_back(std::make_unique<NodeDisk>(*n));
            faults->add_disk(n->id(), *disks.back());
            n->start();
        }
        sim.trace().add_sink(sink);
    }
    NodeId id(int i) const { return nodes[static_cast<std::size_t>(i)]->id(); }
    std::vector<std::string> kinds() const {
        std::vector<std::string> k;
        for (const auto& r : sink->records()) k.push_back(r.kind);
        return k;
    }

    Simulation sim;
    std::vector<Node*> nodes;
    std::unique_ptr<Network> net;
    std::unique_ptr<FaultInjector> faults;
    std::vector<std::unique_ptr<NodeDisk>> disks;
    std::shared_ptr<MemoryTraceSink> sink = std::make_shared<MemoryTraceSink>();
};

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("every fault can be scheduled for a time and leaves a trace record") {
    Rig r;
    const std::vector<Fault> plan{
        CrashFault{r.id(0)},
        RestartFault{r.id(0)},
        PowerLossFault{{r.id(1), r.id(2)}, TornTail::random},
        RestartFault{r.id(1)},
        PauseFault{r.id(1), Duration::ms(5)},
        CutFault{{r.id(0), r.id(1)}, Direction::one_way},
        PartitionFault{{{r.id(0)}, {r.id(1), r.id(2)}}},
        IsolateFault{r.id(2)},
        ClogFault{{r.id(0), r.id(1)}, Duration::ms(30), Direction::both_ways},
        HealFault{},
        SlowDiskFault{r.id(0), 3},
        DiskCapacityFault{r.id(0), 1000},
    };
    for (std::size_t i = 0; i < plan.size(); ++i)
        r.faults->schedule(Instant::from_ms(10 * static_cast<std::int64_t>(i + 1)), plan[i]);
    r.sim.run_all();
    CHECK(r.kinds() == std::vector<std::string>{
                           "node.crash", "node.start", "node.power_loss", "disk.power_loss",
                           "node.power_loss", "disk.power_loss", "node.start", "node.pause", "node.resume",
                           "net.cut", "net.partition", "net.isolate", "net.clog", "net.heal", "disk.slow",
                           "disk.capacity"});
    CHECK(r.sink->records()[0].time == Instant::from_ms(10));
    CHECK(r.nodes[2]->state() == NodeState::stopped);
    CHECK(r.disks[0]->slow().factor() == 3);
    CHECK(r.disks[0]->capacity().capacity() == 1000);
}

TEST_CASE("a fault injected at once takes effect before the call returns") {
    Rig r;
    r.sim.run_until(Instant::from_ms(3));
    r.faults->inject(PauseFault{r.id(1), Duration::ms(10)});
    CHECK(r.nodes[1]->state() == NodeState::paused);
    r.faults->inject(CrashFault{r.id(2)});
    CHECK(r.nodes[2]->state() == NodeState::stopped);
    r.faults->inject(DiskCapacityFault{r.id(0), 0});
    CHECK(r.disks[0]->capacity().capacity() == 0);
    CHECK(r.kinds() == std::vector<std::string>{"node.pause", "node.crash", "disk.capacity"});
    CHECK(r.sink->records()[0].time == Instant::from_ms(3));
}

}  // TEST_SUITE
