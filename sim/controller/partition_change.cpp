#include "sim/controller/partition_change.h"

#include <algorithm>

namespace kafkasim::controller {

std::optional<PartitionChangeRecord> build_partition_change(TopicId topic, std::int32_t partition,
                                                            const metadata::PartitionRegistration& current,
                                                            PartitionChangeInput input,
                                                            const std::function<bool(BrokerId)>& active) {
    std::vector<BrokerId> target_isr;
    if (input.target_isr) {
        target_isr = *input.target_isr;
    } else {
        for (BrokerId b : current.isr)
            if (b != input.remove) target_isr.push_back(b);
    }

    auto acceptable = [&](BrokerId b) { return b != input.remove && (b == input.add || active(b)); };
    auto valid_leader = [&](BrokerId b) {
        return std::find(target_isr.begin(), target_isr.end(), b) != target_isr.end() && acceptable(b);
    };

    // electAnyLeader: keep a valid leader, else the first valid replica, else none.
    BrokerId leader = no_broker;
    if (current.has_leader() && valid_leader(current.leader)) {
        leader = current.leader;
    } else {
        for (BrokerId b : current.replicas) {
            if (valid_leader(b)) {
                leader = b;
                break;
            }
        }
    }

    PartitionChangeRecord change;
    change.topic = topic;
    change.partition = partition;
    if (leader != current.leader) change.leader = leader;
    // Without ELR the ISR is set only if the target is non-empty: the last member stays.
    if (!target_isr.empty() && target_isr != current.isr) change.isr = target_isr;
    if (!change.leader && !change.isr) return std::nullopt;
    return change;
}

}  // namespace kafkasim::controller
