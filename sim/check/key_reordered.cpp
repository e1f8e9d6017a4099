#include "sim/check/key_reordered.h"

#include <map>
#include <set>
#include <tuple>

namespace kafkasim::check {

CheckResult check_key_reordered(const History& history) {
    // A key's order is its producer process's send order within one topic: Kafka keeps no order
    // between two producers that use the same key, nor between two topics, nor between a
    // producer's process and its restart (a new producer id).
    struct Sent {
        std::int64_t rank;  // position in send order
        std::string producer;
        std::string topic;
    };
    std::map<std::string, Sent> sent;  // value → how it was sent
    for (const SendEvent& s : history.sends())
        sent.try_emplace(s.value, Sent{static_cast<std::int64_t>(sent.size()), s.producer + "#" + std::to_string(s.incarnation),
                                       s.tp.topic});
    std::set<std::pair<std::string, std::string>> done;  // (group, value) first processed
    // (group, producer, topic, key) → the highest rank first processed, and its value
    std::map<std::tuple<std::string, std::string, std::string, std::string>, std::pair<std::int64_t, std::string>> latest;
    CheckResult result;
    for (const ProcessEvent& e : history.processed()) {
        if (!e.record.key) continue;
        const auto s = sent.find(e.record.value);
        if (s == sent.end() || !done.insert({e.consumer.group, e.record.value}).second) continue;
        const Sent& how = s->second;
        const auto [it, first] =
            latest.try_emplace({e.consumer.group, how.producer, how.topic, *e.record.key}, how.rank, e.record.value);
        if (first || how.rank > it->second.first) {
            it->second = {how.rank, e.record.value};
            continue;
        }
        ++result.count;
        if (result.examples.size() < 5)
            result.examples.push_back(e.record.value + " of key " + *e.record.key + " first processed by group " +
                                      e.consumer.group + " after " + it->second.second + ", sent later");
    }
    return result;
}

}  // namespace kafkasim::check
