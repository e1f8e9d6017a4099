#include "sim/check/redeliveries.h"

#include <algorithm>

namespace kafkasim::check {

CheckResult check_redeliveries(const History& history) { return check_redeliveries(Evidence(history, ReplicaViews{})); }

CheckResult check_redeliveries(const Evidence& evidence) {
    struct Seen {
        std::int64_t times = 0;
        std::size_t first = 0;  // the first ProcessEvent's index
    };
    KeyMap<Seen> seen;  // (group, value)
    std::vector<std::uint64_t> again;  // keys processed a second time, once each
    seen.reserve(evidence.processed.size());
    for (std::size_t i = 0; i < evidence.processed.size(); ++i) {
        const std::uint64_t key = pair_key(evidence.processed[i].group, evidence.processed_values[i]);
        if (++seen.try_emplace(key, Seen{0, i}).first->times == 2) again.push_back(key);
    }
    // Reported by group name, then value.
    const auto group = [&](std::uint64_t key) { return evidence.groups[static_cast<Id>(key >> 32)]; };
    const auto value = [&](std::uint64_t key) { return evidence.values[static_cast<Id>(key)]; };
    std::sort(again.begin(), again.end(), [&](std::uint64_t a, std::uint64_t b) {
        return group(a) != group(b) ? group(a) < group(b) : value(a) < value(b);
    });
    CheckResult result;
    result.count = static_cast<std::int64_t>(again.size());
    for (const std::uint64_t key : again) {
        if (result.examples.size() == 5) break;
        const Seen& s = *seen.find(key);
        const ProcessEvent& first = evidence.history.processed()[s.first];
        result.examples.push_back(std::string(value(key)) + " at " + first.tp.str() + " offset " +
                                  std::to_string(first.record.offset.value) + " processed " + std::to_string(s.times) +
                                  " times by group " + std::string(group(key)));
    }
    return result;
}

}  // namespace kafkasim::check
