#include "sim/check/divergent_replicas.h"

namespace kafkasim::check {

CheckResult check_divergent_replicas(const ReplicaSnapshot& replicas) {
    return check_divergent_replicas(view_replicas(replicas));
}

CheckResult check_divergent_replicas(const ReplicaViews& replicas) {
    CheckResult result;
    for (const PartitionView& p : replicas.partitions) {
        const ReplicaView* leader = nullptr;
        for (const ReplicaView& r : p.replicas)
            if (r.leader) leader = &r;
        if (leader == nullptr) continue;
        for (const ReplicaView& r : p.replicas) {
            if (&r == leader) continue;
            // Both logs are in offset order: walk them side by side.
            auto at_leader = leader->values.begin();
            for (const ValueAt& v : r.values) {
                if (v.offset >= leader->high_watermark) break;
                while (at_leader != leader->values.end() && at_leader->offset < v.offset) ++at_leader;
                if (at_leader == leader->values.end() || at_leader->offset != v.offset || at_leader->value == v.value) continue;
                ++result.count;
                if (result.examples.size() < 5)
                    result.examples.push_back(p.tp.str() + " broker " + std::to_string(r.broker.value) + " holds " +
                                              std::string(v.value) + " at offset " + std::to_string(v.offset.value) +
                                              " where the leader holds " + std::string(at_leader->value));
                break;
            }
        }
    }
    return result;
}

}  // namespace kafkasim::check
