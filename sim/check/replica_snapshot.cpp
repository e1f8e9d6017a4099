#include "sim/check/replica_snapshot.h"

#include "sim/check/replica_views.h"

namespace kafkasim::check {

ReplicaSnapshot snapshot_replicas(const cluster::Cluster& cluster) {
    ReplicaSnapshot out;
    for (const PartitionView& p : read_replicas(cluster).partitions) {
        std::vector<ReplicaLog>& logs = out[p.tp];
        for (const ReplicaView& v : p.replicas) {
            ReplicaLog& r = logs.emplace_back(ReplicaLog{v.broker, v.leader, v.log_start, v.log_end, v.high_watermark, {}});
            r.values.reserve(v.values.size());
            for (const ValueAt& at : v.values) r.values[at.offset] = std::string(at.value);
        }
    }
    return out;
}

}  // namespace kafkasim::check
