// Faults: every fault of the engine's world as a value, injected at once or scheduled for a
// time. A scenario's fault list, a test's random workload and the visualizer's buttons all
// build these values and hand them to one FaultInjector, so a fault means the same thing
// wherever it comes from. Each fault leaves its trace record through the part it changes
// (node.*, net.*, disk.* in docs/trace.md).
#pragma once

#include <map>
#include <variant>
#include <vector>

#include "engine/disk/node_disk.h"
#include "engine/net/network.h"

namespace kafkasim::engine {

struct CrashFault {
    NodeId node;
};
struct PowerLossFault {
    std::vector<NodeId> nodes;  // all lose power at the same instant
    TornTail torn_tail = TornTail::off;
};
struct RestartFault {
    NodeId node;
};
struct PauseFault {
    NodeId node;
    Duration length;
};
struct CutFault {
    LinkId link;
    Direction direction = Direction::both_ways;
};
struct PartitionFault {
    std::vector<std::vector<NodeId>> groups;  // nodes in no group form one more group
};
struct IsolateFault {
    NodeId node;
};
struct ClogFault {
    LinkId link;
    Duration extra;
    Direction direction = Direction::both_ways;
};
struct HealFault {};  // every cut, partition, isolation and clog ends
struct SlowDiskFault {
    NodeId node;
    std::uint32_t factor = 1;  // 1 heals
};
struct DiskCapacityFault {
    NodeId node;
    std::uint64_t bytes = CapacityDisk::unlimited;  // unlimited heals
};

using Fault = std::variant<CrashFault, PowerLossFault, RestartFault, PauseFault, CutFault, PartitionFault,
                           IsolateFault, ClogFault, HealFault, SlowDiskFault, DiskCapacityFault>;

class FaultInjector {
public:
    FaultInjector(Simulation& sim, Network& network);

    // Makes `disk` the one that disk faults and power losses on `node` reach. Nodes without
    // one (clients) still crash and lose power; a disk fault aimed at them is a bug.
    void add_disk(NodeId node, NodeDisk& disk);

    void inject(const Fault& fault);
    EventId schedule(Instant at, Fault fault);

private:
    NodeDisk& disk_of(NodeId node);
    void power_loss(const PowerLossFault& f);

    Simulation& sim_;
    Network& network_;
    std::map<NodeId, NodeDisk*> disks_;
};

}  // namespace kafkasim::engine
