#include "sim/check/committed_offset_regressions.h"

#include <algorithm>

namespace kafkasim::check {

namespace {

// An acknowledged commit or a committed-offset read: the coordinator acted somewhere between
// `begin` (the request was sent) and `end` (the consumer had the answer).
struct Observation {
    engine::Instant begin;
    engine::Instant end;
    std::size_t order;  // in the history, for a stable report
    const ConsumerRef* consumer;
    const TopicPartition* tp;
    Offset offset;
    const char* what;  // "commit" or "fetch"
};

}  // namespace

CheckResult check_committed_offset_regressions(const History& history) {
    return check_committed_offset_regressions(Evidence(history, ReplicaViews{}));
}

CheckResult check_committed_offset_regressions(const Evidence& evidence) {
    // Real-time order, as a linearizability checker reads a history: an observation comes after
    // another only if it began after the other ended. A commit whose answer reached a paused
    // consumer late overlaps what happened meanwhile, and proves no regression.
    // Per (group, partition), in the order they first appear: the examples are sorted by
    // history order below, so the order of partitions does not reach the report.
    const History& history = evidence.history;
    std::vector<std::vector<Observation>> by_partition;
    KeyMap<std::size_t> index;  // (group, partition) → by_partition's index
    const auto observations = [&](const MemberIds& m) -> std::vector<Observation>& {
        const auto [i, fresh] = index.try_emplace(pair_key(m.group, m.tp), by_partition.size());
        if (fresh) by_partition.emplace_back();
        return by_partition[*i];
    };
    std::size_t order = 0;
    for (std::size_t i = 0; i < history.commits().size(); ++i) {
        const CommitEvent& e = history.commits()[i];
        if (e.error == Errc::none)
            observations(evidence.commits[i]).push_back({e.sent.value_or(e.at), e.at, order++, &e.consumer, &e.tp, e.offset, "commit"});
    }
    for (std::size_t i = 0; i < history.positions().size(); ++i) {
        const PositionEvent& e = history.positions()[i];
        if (e.committed)
            observations(evidence.positions[i]).push_back({e.asked.value_or(e.at), e.at, order++, &e.consumer, &e.tp, *e.committed, "fetch"});
    }
    CheckResult result;
    std::vector<const Observation*> found;
    for (const std::vector<Observation>& seen : by_partition) {
        // By end: an observation that ended at the instant another began still precedes it
        // (the answer was in before the request went out).
        std::vector<const Observation*> ended;
        for (const Observation& o : seen) ended.push_back(&o);
        std::stable_sort(ended.begin(), ended.end(), [](const auto* a, const auto* b) { return a->end < b->end; });
        std::vector<const Observation*> begun = ended;
        std::stable_sort(begun.begin(), begun.end(), [](const auto* a, const auto* b) { return a->begin < b->begin; });
        std::size_t next_ended = 0;
        std::optional<Offset> highest;
        const Observation* highest_by = nullptr;
        for (const Observation* o : begun) {
            for (; next_ended < ended.size() && ended[next_ended]->end <= o->begin; ++next_ended)
                if (!highest || ended[next_ended]->offset > *highest) {
                    highest = ended[next_ended]->offset;
                    highest_by = ended[next_ended];
                }
            if (highest && o->offset < *highest) {
                ++result.count;
                found.push_back(o);
                found.push_back(highest_by);
            }
        }
    }
    // Examples in history order.
    std::vector<std::pair<const Observation*, const Observation*>> pairs;
    for (std::size_t i = 0; i < found.size(); i += 2) pairs.emplace_back(found[i], found[i + 1]);
    std::stable_sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.first->order < b.first->order; });
    for (const auto& [o, before] : pairs) {
        if (result.examples.size() == 5) break;
        result.examples.push_back(std::string(o->what) + " by " + o->consumer->member + " of group " + o->consumer->group +
                                  " at " + o->tp->str() + " gave " + std::to_string(o->offset.value) + " after " +
                                  std::to_string(before->offset.value));
    }
    return result;
}

}  // namespace kafkasim::check
