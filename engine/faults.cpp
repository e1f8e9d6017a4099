#include "engine/faults.h"

namespace kafkasim::engine {

FaultInjector::FaultInjector(Simulation& sim, Network& network) : sim_(sim), network_(network) {}

void FaultInjector::add_disk(NodeId node, NodeDisk& disk) { disks_[node] = &disk; }

NodeDisk& FaultInjector::disk_of(NodeId node) {
    const auto it = disks_.find(node);
    SIM_ASSERT(it != disks_.end(), "a disk fault aimed at a node without a disk: call add_disk");
    return *it->second;
}

void FaultInjector::power_loss(const PowerLossFault& f) {
    for (NodeId n : f.nodes) {
        if (const auto it = disks_.find(n); it != disks_.end()) it->second->power().set_torn_tail(f.torn_tail);
        sim_.node(n).power_loss();
    }
}

void FaultInjector::inject(const Fault& fault) {
    std::visit(
        [this](const auto& f) {
            using T = std::decay_t<decltype(f)>;
            if constexpr (std::is_same_v<T, CrashFault>) sim_.node(f.node).crash();
            else if constexpr (std::is_same_v<T, PowerLossFault>) power_loss(f);
            else if constexpr (std::is_same_v<T, RestartFault>) sim_.node(f.node).start();
            else if constexpr (std::is_same_v<T, PauseFault>) sim_.node(f.node).pause(f.length);
            else if constexpr (std::is_same_v<T, CutFault>) network_.cut(f.link, f.direction);
            else if constexpr (std::is_same_v<T, PartitionFault>) network_.partition(f.groups);
            else if constexpr (std::is_same_v<T, IsolateFault>) network_.isolate(f.node);
            else if constexpr (std::is_same_v<T, ClogFault>) network_.clog(f.link, f.extra, f.direction);
            else if constexpr (std::is_same_v<T, HealFault>) network_.heal();
            else if constexpr (std::is_same_v<T, SlowDiskFault>) disk_of(f.node).slow().set_factor(f.factor);
            else if constexpr (std::is_same_v<T, DiskCapacityFault>) disk_of(f.node).capacity().set_capacity(f.bytes);
        },
        fault);
}

EventId FaultInjector::schedule(Instant at, Fault fault) {
    return sim_.schedule_at(at, [this, f = std::move(fault)] { inject(f); });
}

}  // namespace kafkasim::engine
