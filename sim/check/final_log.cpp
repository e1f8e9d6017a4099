#include "sim/check/final_log.h"

namespace kafkasim::check {

std::map<TopicPartition, std::vector<FinalRecord>> final_logs(const ReplicaSnapshot& replicas) {
    std::map<TopicPartition, std::vector<FinalRecord>> out;
    for (const auto& [tp, logs] : replicas) {
        auto& records = out[tp];
        for (const ReplicaLog& r : logs) {
            if (!r.leader) continue;
            for (const auto& [offset, value] : r.values)
                if (offset < r.high_watermark) records.push_back(FinalRecord{offset, value});
        }
    }
    return out;
}

}  // namespace kafkasim::check
