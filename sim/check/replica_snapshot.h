// ReplicaSnapshot: the records every live replica holds at the end of a run, with its high
// watermark and role, read from the brokers by the observer after the run (never during it).
#pragma once

#include <map>
#include <vector>

#include "sim/check/offset_values.h"
#include "sim/common/ids.h"

namespace kafkasim::cluster {
class Cluster;
}

namespace kafkasim::check {

struct ReplicaLog {
    BrokerId broker;
    bool leader = false;
    Offset log_start{0};
    Offset log_end{0};
    Offset high_watermark{0};
    OffsetValues values;  // offset → record value
};

using ReplicaSnapshot = std::map<TopicPartition, std::vector<ReplicaLog>>;

// Every replica of every partition on the brokers that are up.
ReplicaSnapshot snapshot_replicas(const cluster::Cluster& cluster);

}  // namespace kafkasim::check
