#include "sim/check/duplicates_in_log.h"

#include <set>

#include "sim/check/final_log.h"

namespace kafkasim::check {

CheckResult check_duplicates_in_log(const History& history, const ReplicaSnapshot& replicas) {
    std::set<std::string> sent;
    for (const SendEvent& s : history.sends()) sent.insert(s.value);
    CheckResult result;
    for (const auto& [tp, records] : final_logs(replicas)) {
        std::map<std::string, std::vector<Offset>> offsets;
        for (const FinalRecord& r : records)
            if (sent.count(r.value) != 0) offsets[r.value].push_back(r.offset);
        for (const auto& [value, at] : offsets) {
            if (at.size() < 2) continue;
            result.count += static_cast<std::int64_t>(at.size()) - 1;
            if (result.examples.size() >= 5) continue;
            std::string where;
            for (const Offset o : at) where += (where.empty() ? "" : ", ") + std::to_string(o.value);
            result.examples.push_back(value + " appended " + std::to_string(at.size()) + " times to " + tp.str() +
                                      " at offsets " + where);
        }
    }
    return result;
}

}  // namespace kafkasim::check
