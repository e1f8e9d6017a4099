// ReplicaViews: the replicas' logs as the checkers read them, every value a view. Read from the
// brokers after a run, the views point into the logs' own bytes (blocks shared with the page
// cache, kept alive here), so no record is copied; made from a ReplicaSnapshot (hand-made logs
// in tests), they point into its strings, which must outlive them.
#pragma once

#include <vector>

#include "engine/disk/block.h"
#include "sim/check/replica_snapshot.h"
#include "sim/log/batch_codec.h"

namespace kafkasim::check {

using log::ValueAt;

struct ReplicaView {
    BrokerId broker;
    bool leader = false;
    Offset log_start{0};
    Offset log_end{0};
    Offset high_watermark{0};
    std::vector<ValueAt> values;  // in offset order
};

struct PartitionView {
    TopicPartition tp;
    std::vector<ReplicaView> replicas;  // in broker order
};

struct ReplicaViews {
    std::vector<PartitionView> partitions;  // in partition order
    std::vector<engine::Block> bytes;       // what the views of a read point into
};

// Every replica of every partition on the brokers that are up (as snapshot_replicas).
ReplicaViews read_replicas(const cluster::Cluster& cluster);
// Views of `snapshot`'s values.
ReplicaViews view_replicas(const ReplicaSnapshot& snapshot);

}  // namespace kafkasim::check
