#include "sim/check/consumer_skips.h"

#include <algorithm>

namespace kafkasim::check {

namespace {

struct Span {
    Id group = no_id;
    Id tp = no_id;
    Offset start{-1};      // the group's first start position
    Offset committed{-1};  // the highest acknowledged commit
};

}  // namespace

CheckResult check_consumer_skips(const History& history, const ReplicaSnapshot& replicas) {
    const ReplicaViews views = view_replicas(replicas);
    return check_consumer_skips(Evidence(history, views));
}

CheckResult check_consumer_skips(const Evidence& evidence) {
    const History& history = evidence.history;
    std::vector<Span> spans;
    KeyMap<std::size_t> span_of;  // (group, partition) → index in spans
    const auto span = [&](const MemberIds& m) -> Id {
        const auto [i, fresh] = span_of.try_emplace(pair_key(m.group, m.tp), spans.size());
        if (fresh) spans.push_back(Span{m.group, m.tp});
        return static_cast<Id>(*i);
    };
    for (std::size_t i = 0; i < history.positions().size(); ++i) {
        Span& s = spans[span(evidence.positions[i])];
        if (s.start.value < 0) s.start = history.positions()[i].offset;
    }
    for (std::size_t i = 0; i < history.commits().size(); ++i) {
        const CommitEvent& c = history.commits()[i];
        if (c.error != Errc::none) continue;
        Span& s = spans[span(evidence.commits[i])];
        if (c.offset > s.committed) s.committed = c.offset;
    }
    KeySet processed;  // (span, value)
    processed.reserve(evidence.processed.size());
    for (std::size_t i = 0; i < evidence.processed.size(); ++i)
        processed.try_emplace(pair_key(span(evidence.processed[i]), evidence.processed_values[i]));
    // Reported by group name, then partition.
    std::vector<std::size_t> order(spans.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto ga = evidence.groups[spans[a].group];
        const auto gb = evidence.groups[spans[b].group];
        return ga != gb ? ga < gb : *evidence.partitions[spans[a].tp] < *evidence.partitions[spans[b].tp];
    });
    CheckResult result;
    for (const std::size_t i : order) {
        const Span& s = spans[i];
        const FinalLog* log = evidence.final_log(s.tp);
        if (log == nullptr || s.start.value < 0) continue;
        for (const FinalRecord& r : log->records) {
            if (r.offset < s.start || r.offset >= s.committed || processed.contains(pair_key(static_cast<Id>(i), r.value_id))) continue;
            ++result.count;
            if (result.examples.size() < 5)
                result.examples.push_back(std::string(r.value) + " at " + log->tp->str() + " offset " +
                                          std::to_string(r.offset.value) + " never processed by group " +
                                          std::string(evidence.groups[s.group]) + ", committed offset " +
                                          std::to_string(s.committed.value));
        }
    }
    return result;
}

}  // namespace kafkasim::check
