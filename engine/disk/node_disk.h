// NodeDisk: the standard disk of one node, the plain disk inside its fault wrappers:
//   SlowDisk -> CapacityDisk -> PowerLossDisk -> SimDisk
// Processes get disk() (the outermost); fault injection reaches each wrapper by name.
// Power loss is innermost because it must see every operation that reaches the files,
// including the empty append a full disk puts in place of a refused one.
#pragma once

#include "engine/disk/capacity_disk.h"
#include "engine/disk/power_loss_disk.h"
#include "engine/disk/sim_disk.h"
#include "engine/disk/slow_disk.h"

namespace kafkasim::engine {

struct NodeDiskOptions {
    DiskOptions latency;         // per-operation latency of the plain disk
    DurabilityOptions durability;  // write-back and torn tails
};

class NodeDisk {
public:
    // Lives as long as the node: the wrappers listen to the node's lifecycle.
    explicit NodeDisk(Node& node, NodeDiskOptions options = {});
    NodeDisk(const NodeDisk&) = delete;
    NodeDisk& operator=(const NodeDisk&) = delete;

    Disk& disk() { return slow_; }
    SimDisk& plain() { return plain_; }
    PowerLossDisk& power() { return power_; }
    CapacityDisk& capacity() { return capacity_; }
    SlowDisk& slow() { return slow_; }

private:
    SimDisk plain_;
    PowerLossDisk power_;
    CapacityDisk capacity_;
    SlowDisk slow_;
};

}  // namespace kafkasim::engine
