#include "sim/check/consumer_skips.h"

#include <set>

#include "sim/check/final_log.h"

namespace kafkasim::check {

namespace {

using GroupPartition = std::pair<std::string, TopicPartition>;

struct Span {
    Offset start{-1};      // the group's first start position
    Offset committed{-1};  // the highest acknowledged commit
    std::set<std::string> processed;
};

}  // namespace

CheckResult check_consumer_skips(const History& history, const ReplicaSnapshot& replicas) {
    std::map<GroupPartition, Span> spans;
    for (const PositionEvent& p : history.positions()) {
        Span& s = spans[{p.consumer.group, p.tp}];
        if (s.start.value < 0) s.start = p.offset;
    }
    for (const CommitEvent& c : history.commits())
        if (c.error == Errc::none) {
            Span& s = spans[{c.consumer.group, c.tp}];
            if (c.offset > s.committed) s.committed = c.offset;
        }
    for (const ProcessEvent& e : history.processed()) spans[{e.consumer.group, e.tp}].processed.insert(e.record.value);
    const auto logs = final_logs(replicas);
    CheckResult result;
    for (const auto& [key, span] : spans) {
        const auto log = logs.find(key.second);
        if (log == logs.end() || span.start.value < 0) continue;
        for (const FinalRecord& r : log->second) {
            if (r.offset < span.start || r.offset >= span.committed || span.processed.count(r.value) != 0) continue;
            ++result.count;
            if (result.examples.size() < 5)
                result.examples.push_back(r.value + " at " + key.second.str() + " offset " + std::to_string(r.offset.value) +
                                          " never processed by group " + key.first + ", committed offset " +
                                          std::to_string(span.committed.value));
        }
    }
    return result;
}

}  // namespace kafkasim::check
