#include "sim/check/divergent_replicas.h"

namespace kafkasim::check {

CheckResult check_divergent_replicas(const ReplicaSnapshot& replicas) {
    CheckResult result;
    for (const auto& [tp, logs] : replicas) {
        const ReplicaLog* leader = nullptr;
        for (const ReplicaLog& r : logs)
            if (r.leader) leader = &r;
        if (leader == nullptr) continue;
        for (const ReplicaLog& r : logs) {
            if (&r == leader) continue;
            for (const auto& [offset, value] : r.values) {
                if (offset >= leader->high_watermark) break;
                const auto it = leader->values.find(offset);
                if (it == leader->values.end() || it->second == value) continue;
                ++result.count;
                if (result.examples.size() < 5)
                    result.examples.push_back(tp.str() + " broker " + std::to_string(r.broker.value) + " holds " + value +
                                              " at offset " + std::to_string(offset.value) + " where the leader holds " +
                                              it->second);
                break;
            }
        }
    }
    return result;
}

}  // namespace kafkasim::check
