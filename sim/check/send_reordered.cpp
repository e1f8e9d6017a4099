#include "sim/check/send_reordered.h"

#include <set>

#include "sim/check/final_log.h"

namespace kafkasim::check {

namespace {

struct SendRank {
    std::string producer;  // the producer process: its node name and incarnation
    std::int64_t rank = 0;  // position among the process's sends to the partition
};

// Kafka orders a producer's records within one process (one producer id): a restarted
// producer's records may land before what its dead process left in flight.
std::string process_of(const SendEvent& s) { return s.producer + "#" + std::to_string(s.incarnation); }

}  // namespace

CheckResult check_send_reordered(const History& history, const ReplicaSnapshot& replicas) {
    std::map<TopicPartition, std::map<std::string, SendRank>> ranks;
    std::map<std::pair<std::string, TopicPartition>, std::int64_t> counts;
    for (const SendEvent& s : history.sends()) {
        std::int64_t& n = counts[{process_of(s), s.tp}];
        ranks[s.tp].emplace(s.value, SendRank{process_of(s), n++});
    }
    CheckResult result;
    for (const auto& [tp, records] : final_logs(replicas)) {
        const auto sent = ranks.find(tp);
        if (sent == ranks.end()) continue;
        std::map<std::string, std::pair<std::int64_t, std::string>> latest;  // per producer: highest rank so far
        std::set<std::string> seen;
        for (const FinalRecord& r : records) {
            const auto it = sent->second.find(r.value);
            if (it == sent->second.end() || !seen.insert(r.value).second) continue;
            const auto [max, inserted] = latest.try_emplace(it->second.producer, it->second.rank, r.value);
            if (inserted || it->second.rank > max->second.first) {
                max->second = {it->second.rank, r.value};
                continue;
            }
            ++result.count;
            if (result.examples.size() < 5)
                result.examples.push_back(r.value + " (send #" + std::to_string(it->second.rank) + ") at " + tp.str() +
                                          " offset " + std::to_string(r.offset.value) + " after " + max->second.second +
                                          " (send #" + std::to_string(max->second.first) + ")");
        }
    }
    return result;
}

}  // namespace kafkasim::check
