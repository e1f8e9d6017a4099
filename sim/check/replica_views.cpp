#include "sim/check/replica_views.h"

#include <algorithm>
#include <limits>
#include <map>

#include "sim/cluster/cluster.h"

namespace kafkasim::check {

namespace {

// The log's batches from its start to its end, as the bytes it holds.
void read_values(const log::PartitionLog& log, ReplicaView& r, std::vector<engine::Block>& keep) {
    r.values.reserve(static_cast<std::size_t>(std::max<std::int64_t>(0, r.log_end - r.log_start)));
    log::ReadRequest read;
    read.offset = r.log_start;
    read.max_bytes = std::numeric_limits<std::int32_t>::max();
    read.isolation = log::FetchIsolation::log_end;
    // Reads stay within one segment: walk segment by segment to the end.
    while (read.offset < r.log_end) {
        log::ReadResult got = log.read_encoded(read);
        if (got.error != Errc::none || got.encoded.empty()) break;
        for (engine::Block& batch : got.encoded) {
            read.offset = log::append_values(batch.span(), r.values);
            keep.push_back(std::move(batch));
        }
    }
}

}  // namespace

ReplicaViews read_replicas(const cluster::Cluster& cluster) {
    std::map<TopicPartition, std::vector<ReplicaView>> by_partition;
    ReplicaViews out;
    for (BrokerId id : cluster.broker_ids()) {
        const broker::Broker* b = cluster.broker(id);
        if (b == nullptr) continue;
        for (const auto& [tp, p] : b->replicas().partitions()) {
            ReplicaView r;
            r.broker = id;
            r.leader = p->is_leader();
            r.log_start = p->log().log_start_offset();
            r.log_end = p->log().log_end_offset();
            r.high_watermark = p->high_watermark();
            read_values(p->log(), r, out.bytes);
            by_partition[tp].push_back(std::move(r));
        }
    }
    out.partitions.reserve(by_partition.size());
    for (auto& [tp, replicas] : by_partition) out.partitions.push_back(PartitionView{tp, std::move(replicas)});
    return out;
}

ReplicaViews view_replicas(const ReplicaSnapshot& snapshot) {
    ReplicaViews out;
    out.partitions.reserve(snapshot.size());
    for (const auto& [tp, logs] : snapshot) {
        PartitionView& p = out.partitions.emplace_back(PartitionView{tp, {}});
        for (const ReplicaLog& log : logs) {
            ReplicaView r{log.broker, log.leader, log.log_start, log.log_end, log.high_watermark, {}};
            r.values.reserve(log.values.size());
            for (const auto& [offset, value] : log.values) r.values.push_back(ValueAt{offset, value});
            p.replicas.push_back(std::move(r));
        }
    }
    return out;
}

}  // namespace kafkasim::check
