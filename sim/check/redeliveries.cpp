#include "sim/check/redeliveries.h"

#include <map>

namespace kafkasim::check {

CheckResult check_redeliveries(const History& history) {
    struct Seen {
        std::int64_t times = 0;
        const ProcessEvent* first = nullptr;
    };
    std::map<std::pair<std::string, std::string>, Seen> seen;  // (group, value)
    for (const ProcessEvent& e : history.processed()) {
        Seen& s = seen[{e.consumer.group, e.record.value}];
        if (s.first == nullptr) s.first = &e;
        ++s.times;
    }
    CheckResult result;
    for (const auto& [key, s] : seen) {
        if (s.times < 2) continue;
        ++result.count;
        if (result.examples.size() < 5)
            result.examples.push_back(key.second + " at " + s.first->tp.str() + " offset " +
                                      std::to_string(s.first->record.offset.value) + " processed " +
                                      std::to_string(s.times) + " times by group " + key.first);
    }
    return result;
}

}  // namespace kafkasim::check
