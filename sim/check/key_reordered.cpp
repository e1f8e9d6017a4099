#include "sim/check/key_reordered.h"

#include <map>
#include <set>

namespace kafkasim::check {

CheckResult check_key_reordered(const History& history) {
    std::map<std::string, std::int64_t> rank;  // value → position in send order
    for (const SendEvent& s : history.sends()) rank.try_emplace(s.value, static_cast<std::int64_t>(rank.size()));
    std::set<std::pair<std::string, std::string>> done;                       // (group, value) first processed
    std::map<std::pair<std::string, std::string>, std::pair<std::int64_t, std::string>> latest;  // (group, key) → highest rank
    CheckResult result;
    for (const ProcessEvent& e : history.processed()) {
        if (!e.record.key) continue;
        const auto r = rank.find(e.record.value);
        if (r == rank.end() || !done.insert({e.consumer.group, e.record.value}).second) continue;
        const auto [it, first] = latest.try_emplace({e.consumer.group, *e.record.key}, r->second, e.record.value);
        if (first || r->second > it->second.first) {
            it->second = {r->second, e.record.value};
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
