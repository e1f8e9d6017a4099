#include "sim/check/lost_acked.h"

#include <set>

namespace kafkasim::check {

namespace {

// The values committed on the partition's leader, or an empty set without a leader.
std::set<std::string> committed(const std::vector<ReplicaLog>& replicas) {
    std::set<std::string> out;
    for (const ReplicaLog& r : replicas) {
        if (!r.leader) continue;
        for (const auto& [offset, value] : r.values)
            if (offset < r.high_watermark) out.insert(value);
    }
    return out;
}

}  // namespace

CheckResult check_lost_acked(const History& history, const ReplicaSnapshot& replicas) {
    CheckResult result;
    std::map<TopicPartition, std::set<std::string>> final_logs;
    for (const auto& [tp, logs] : replicas) final_logs[tp] = committed(logs);
    for (const AckEvent& ack : history.acks()) {
        if (ack.error != Errc::none || ack.acks == 0) continue;  // acks=0 promises nothing
        const auto it = final_logs.find(ack.tp);
        if (it != final_logs.end() && it->second.count(ack.value) != 0) continue;
        ++result.count;
        if (result.examples.size() < 5)
            result.examples.push_back(ack.value + " acked at " + ack.tp.str() + " offset " +
                                      std::to_string(ack.offset.value) + " is missing");
    }
    return result;
}

}  // namespace kafkasim::check
