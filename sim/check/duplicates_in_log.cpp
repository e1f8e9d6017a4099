#include "sim/check/duplicates_in_log.h"

#include <algorithm>

namespace kafkasim::check {

CheckResult check_duplicates_in_log(const History& history, const ReplicaSnapshot& replicas) {
    const ReplicaViews views = view_replicas(replicas);
    return check_duplicates_in_log(Evidence(history, views));
}

CheckResult check_duplicates_in_log(const Evidence& evidence) {
    CheckResult result;
    std::vector<std::uint32_t> copies(evidence.sent_values, 0);  // per sent value, in the partition at hand
    std::vector<Id> repeated;
    for (const FinalLog& log : evidence.final_logs) {
        repeated.clear();
        for (const FinalRecord& r : log.records)
            if (r.value_id < evidence.sent_values && ++copies[r.value_id] == 2) repeated.push_back(r.value_id);
        // Examples by value, as a report sorted by value reads.
        std::sort(repeated.begin(), repeated.end(),
                  [&](Id a, Id b) { return evidence.values[a] < evidence.values[b]; });
        for (const Id value : repeated) {
            result.count += static_cast<std::int64_t>(copies[value]) - 1;
            if (result.examples.size() >= 5) continue;
            std::string where;
            for (const FinalRecord& r : log.records)
                if (r.value_id == value) where += (where.empty() ? "" : ", ") + std::to_string(r.offset.value);
            result.examples.push_back(std::string(evidence.values[value]) + " appended " + std::to_string(copies[value]) +
                                      " times to " + log.tp->str() + " at offsets " + where);
        }
        for (const FinalRecord& r : log.records)
            if (r.value_id < evidence.sent_values) copies[r.value_id] = 0;
    }
    return result;
}

}  // namespace kafkasim::check
