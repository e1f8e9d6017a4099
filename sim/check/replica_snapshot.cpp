#include "sim/check/replica_snapshot.h"

#include "sim/cluster/cluster.h"

namespace kafkasim::check {

ReplicaSnapshot snapshot_replicas(const cluster::Cluster& cluster) {
    ReplicaSnapshot out;
    for (BrokerId id : cluster.broker_ids()) {
        const broker::Broker* b = cluster.broker(id);
        if (b == nullptr) continue;
        for (const auto& [tp, p] : b->replicas().partitions()) {
            ReplicaLog r;
            r.broker = id;
            r.leader = p->is_leader();
            r.log_start = p->log().log_start_offset();
            r.log_end = p->log().log_end_offset();
            r.high_watermark = p->high_watermark();
            log::ReadRequest read;
            read.offset = r.log_start;
            read.max_bytes = std::numeric_limits<std::int32_t>::max();
            read.isolation = log::FetchIsolation::log_end;
            // Reads stay within one segment: walk segment by segment to the end.
            while (read.offset < r.log_end) {
                const log::ReadResult got = p->log().read(read);
                if (got.error != Errc::none || got.batches.empty()) break;
                for (const RecordBatch& batch : got.batches) {
                    for (std::int32_t i = 0; i < batch.count(); ++i)
                        r.values[batch.base_offset + i] = batch.records[static_cast<std::size_t>(i)].value;
                    read.offset = batch.next_offset();
                }
            }
            out[tp].push_back(std::move(r));
        }
    }
    return out;
}

}  // namespace kafkasim::check
