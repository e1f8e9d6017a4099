#include "sim/check/final_log.h"

#include <algorithm>

namespace kafkasim::check {

std::vector<FinalLog> final_logs(const ReplicaViews& replicas) {
    std::vector<FinalLog> out;
    out.reserve(replicas.partitions.size());
    for (const PartitionView& p : replicas.partitions) {
        FinalLog& log = out.emplace_back(FinalLog{&p.tp, no_id, {}});
        for (const ReplicaView& r : p.replicas) {
            if (!r.leader) continue;
            const auto end = std::lower_bound(r.values.begin(), r.values.end(), r.high_watermark,
                                              [](const ValueAt& v, Offset o) { return v.offset < o; });
            log.records.reserve(log.records.size() + static_cast<std::size_t>(end - r.values.begin()));
            for (auto it = r.values.begin(); it != end; ++it) log.records.push_back(FinalRecord{it->offset, it->value});
        }
    }
    return out;
}

}  // namespace kafkasim::check
