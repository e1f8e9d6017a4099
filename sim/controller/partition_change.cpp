#include "sim/controller/partition_change.h"

#include <algorithm>

#include "sim/common/broker_ids.h"

namespace kafkasim::controller {

namespace {

std::vector<BrokerId> without(const std::vector<BrokerId>& v, const std::vector<BrokerId>& drop) {
    std::vector<BrokerId> out;
    for (BrokerId b : v)
        if (!contains(drop, b)) out.push_back(b);
    return out;
}

struct Targets {
    std::vector<BrokerId> isr;
    std::vector<BrokerId> replicas;
    std::vector<BrokerId> removing;
    std::vector<BrokerId> adding;
};

// PartitionReassignmentReplicas.maybeCompleteReassignment.
void complete_reassignment_if_ready(Targets& t) {
    if (t.removing.empty() && t.adding.empty()) return;
    std::vector<BrokerId> isr = t.isr;
    std::vector<BrokerId> replicas = t.replicas;
    if (!t.removing.empty()) {
        isr = without(t.isr, t.removing);
        replicas = without(t.replicas, t.removing);
        if (isr.empty() || replicas.empty()) return;
    }
    for (BrokerId b : replicas)
        if (!contains(isr, b)) return;
    t.isr = std::move(isr);
    t.replicas = std::move(replicas);
    t.removing.clear();
    t.adding.clear();
}

struct ElectionResult {
    BrokerId leader = no_broker;
    bool unclean = false;
};

}  // namespace

Election online_election(const LogConfig& config) {
    return config.unclean_leader_election_enable ? Election::unclean : Election::online;
}

std::optional<PartitionChangeRecord> build_partition_change(TopicId topic, std::int32_t partition,
                                                            const metadata::PartitionRegistration& current,
                                                            const PartitionChangeInput& input,
                                                            const std::function<bool(BrokerId)>& active) {
    Targets t{input.target_isr ? *input.target_isr : without(current.isr, {input.remove}),
              input.target_replicas.value_or(current.replicas), input.target_removing.value_or(current.removing_replicas),
              input.target_adding.value_or(current.adding_replicas)};
    complete_reassignment_if_ready(t);

    auto acceptable = [&](BrokerId b) { return b != no_broker && b != input.remove && (b == input.add || active(b)); };
    auto valid = [&](BrokerId b) { return contains(t.isr, b) && acceptable(b); };

    ElectionResult elected;
    if (input.election == Election::preferred) {
        // electPreferredLeader
        const auto next = std::find_if(t.replicas.begin(), t.replicas.end(), valid);
        if (!t.replicas.empty() && valid(t.replicas.front())) elected.leader = t.replicas.front();
        else if (valid(current.leader)) elected.leader = current.leader;
        else if (next != t.replicas.end()) elected.leader = *next;
    } else {
        // electAnyLeader
        const auto first_valid = std::find_if(t.replicas.begin(), t.replicas.end(), valid);
        const auto first_live = std::find_if(t.replicas.begin(), t.replicas.end(), acceptable);
        if (valid(current.leader)) elected.leader = current.leader;
        else if (first_valid != t.replicas.end()) elected.leader = *first_valid;
        else if (input.election == Election::unclean && first_live != t.replicas.end()) elected = {*first_live, true};
    }

    PartitionChangeRecord change;
    change.topic = topic;
    change.partition = partition;
    if (elected.leader != current.leader) {
        change.leader = elected.leader;
        if (elected.unclean) {
            // The ISR is forced to the new leader alone: data it lacks is lost.
            change.isr = std::vector<BrokerId>{elected.leader};
            if (current.leader_recovery_state != LeaderRecoveryState::recovering)
                change.leader_recovery_state = LeaderRecoveryState::recovering;
        }
    }
    // A replica dropped by a reassignment must not keep following the old epoch.
    if (!change.leader) {
        for (BrokerId b : current.replicas)
            if (!contains(t.replicas, b)) change.leader = current.leader;
    }
    // Without ELR the ISR is set only if the target is non-empty: the last member stays.
    if (!change.isr && !t.isr.empty() && t.isr != current.isr) change.isr = t.isr;
    if (!t.replicas.empty() && t.replicas != current.replicas) change.replicas = t.replicas;
    if (t.removing != current.removing_replicas) change.removing_replicas = t.removing;
    if (t.adding != current.adding_replicas) change.adding_replicas = t.adding;
    if (input.target_recovery_state && !change.leader_recovery_state &&
        *input.target_recovery_state != current.leader_recovery_state)
        change.leader_recovery_state = input.target_recovery_state;

    if (!change.leader && !change.isr && !change.replicas && !change.removing_replicas && !change.adding_replicas &&
        !change.leader_recovery_state)
        return std::nullopt;
    return change;
}

}  // namespace kafkasim::controller
