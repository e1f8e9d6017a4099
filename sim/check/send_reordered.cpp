#include "sim/check/send_reordered.h"

namespace kafkasim::check {

namespace {

struct SendRank {
    Id process = no_id;     // the producer process: its node name and incarnation
    std::int64_t rank = 0;  // position among the process's sends to the partition
};

// The highest rank a process's records reached so far in one partition's log.
struct Latest {
    std::size_t log = 0;  // the partition's index + 1 (0: none yet)
    std::int64_t rank = 0;
    Id value = no_id;
};

}  // namespace

CheckResult check_send_reordered(const History& history, const ReplicaSnapshot& replicas) {
    const ReplicaViews views = view_replicas(replicas);
    return check_send_reordered(Evidence(history, views));
}

CheckResult check_send_reordered(const Evidence& evidence) {
    // Kafka orders a producer's records within one process (one producer id): a restarted
    // producer's records may land before what its dead process left in flight.
    KeyMap<SendRank> ranks;  // (partition, value) → its first send there
    KeyMap<std::int64_t> counts;  // (process, partition) → sends so far
    std::vector<bool> has_sends(evidence.partitions.size(), false);
    ranks.reserve(evidence.sends.size());
    for (const SendIds& s : evidence.sends) {
        std::int64_t& n = counts[pair_key(s.process, s.tp)];
        ranks.try_emplace(pair_key(s.tp, s.value), SendRank{s.process, n++});
        has_sends[s.tp] = true;
    }
    CheckResult result;
    std::vector<std::size_t> seen_in(evidence.values.size(), 0);  // per value: the last log index + 1 it was seen in
    std::vector<Latest> latest(evidence.processes);
    for (std::size_t l = 0; l < evidence.final_logs.size(); ++l) {
        const FinalLog& log = evidence.final_logs[l];
        if (!has_sends[log.tp_id]) continue;
        for (const FinalRecord& r : log.records) {
            const SendRank* sent = ranks.find(pair_key(log.tp_id, r.value_id));
            if (sent == nullptr || seen_in[r.value_id] == l + 1) continue;
            seen_in[r.value_id] = l + 1;
            Latest& max = latest[sent->process];
            if (max.log != l + 1 || sent->rank > max.rank) {
                max = Latest{l + 1, sent->rank, r.value_id};
                continue;
            }
            ++result.count;
            if (result.examples.size() < 5)
                result.examples.push_back(std::string(r.value) + " (send #" + std::to_string(sent->rank) + ") at " +
                                          log.tp->str() + " offset " + std::to_string(r.offset.value) + " after " +
                                          std::string(evidence.values[max.value]) + " (send #" + std::to_string(max.rank) + ")");
        }
    }
    return result;
}

}  // namespace kafkasim::check
