#include "sim/check/lost_acked.h"

namespace kafkasim::check {

CheckResult check_lost_acked(const History& history, const ReplicaSnapshot& replicas) {
    const ReplicaViews views = view_replicas(replicas);
    return check_lost_acked(Evidence(history, views));
}

CheckResult check_lost_acked(const Evidence& evidence) {
    // (partition, value) of every committed record; a partition without a leader has none.
    KeySet committed;
    for (const FinalLog& log : evidence.final_logs) {
        committed.reserve(committed.size() + log.records.size());
        for (const FinalRecord& r : log.records) committed.try_emplace(pair_key(log.tp_id, r.value_id));
    }
    CheckResult result;
    const std::vector<AckEvent>& acks = evidence.history.acks();
    for (std::size_t i = 0; i < acks.size(); ++i) {
        const AckEvent& ack = acks[i];
        if (ack.error != Errc::none || ack.acks == 0) continue;  // acks=0 promises nothing
        if (committed.contains(pair_key(evidence.acks[i].tp, evidence.acks[i].value))) continue;
        ++result.count;
        if (result.examples.size() < 5)
            result.examples.push_back(ack.value + " acked at " + ack.tp.str() + " offset " +
                                      std::to_string(ack.offset.value) + " is missing");
    }
    return result;
}

}  // namespace kafkasim::check
