#include "sim/check/key_reordered.h"

namespace kafkasim::check {

CheckResult check_key_reordered(const History& history) { return check_key_reordered(Evidence(history, ReplicaViews{})); }

CheckResult check_key_reordered(const Evidence& evidence) {
    // A key's order is its producer process's send order within one topic: Kafka keeps no order
    // between two producers that use the same key, nor between two topics, nor between a
    // producer's process and its restart (a new producer id). A value's rank in send order is
    // its number (evidence.h); it was sent as its first send says.
    KeyMap<Id> lanes;        // (group, (process, topic)) → lane
    KeyMap<Id> streams;      // (process, topic) → stream
    KeySet done;             // (group, value) first processed
    KeyMap<Id> latest;       // (lane, key) → the highest rank first processed: a value
    const std::vector<ProcessEvent>& processed = evidence.history.processed();
    CheckResult result;
    for (std::size_t i = 0; i < processed.size(); ++i) {
        const Id key = evidence.processed_keys[i];
        const Id value = evidence.processed_values[i];
        const Id group = evidence.processed[i].group;
        if (key == no_id || value >= evidence.sent_values || !done.try_emplace(pair_key(group, value)).second) continue;
        const SendIds& how = evidence.sends[evidence.first_send[value]];
        const Id stream = *streams.try_emplace(pair_key(how.process, evidence.topic_of[how.tp]), static_cast<Id>(streams.size())).first;
        const Id lane = *lanes.try_emplace(pair_key(group, stream), static_cast<Id>(lanes.size())).first;
        const auto [max, first] = latest.try_emplace(pair_key(lane, key), value);
        if (first || value > *max) {
            *max = value;
            continue;
        }
        ++result.count;
        const ProcessEvent& e = processed[i];
        if (result.examples.size() < 5)
            result.examples.push_back(e.record.value + " of key " + *e.record.key + " first processed by group " +
                                      e.consumer.group + " after " + std::string(evidence.values[*max]) + ", sent later");
    }
    return result;
}

}  // namespace kafkasim::check
