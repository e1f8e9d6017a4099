#include "sim/check/committed_offset_regressions.h"

#include <map>

namespace kafkasim::check {

namespace {

struct Observation {
    engine::Instant at;
    const ConsumerRef* consumer;
    const TopicPartition* tp;
    Offset offset;
    const char* what;  // "commit" or "fetch"
};

}  // namespace

CheckResult check_committed_offset_regressions(const History& history) {
    // Merge acknowledged commits and committed-offset reads by time; at one instant a commit
    // comes first, since its answer was already in when the read was answered.
    std::vector<Observation> seen;
    const auto& commits = history.commits();
    const auto& reads = history.positions();
    std::size_t c = 0, r = 0;
    while (c < commits.size() || r < reads.size()) {
        if (c < commits.size() && (r == reads.size() || commits[c].at <= reads[r].at)) {
            const CommitEvent& e = commits[c++];
            if (e.error == Errc::none) seen.push_back({e.at, &e.consumer, &e.tp, e.offset, "commit"});
        } else {
            const PositionEvent& e = reads[r++];
            if (e.committed) seen.push_back({e.at, &e.consumer, &e.tp, *e.committed, "fetch"});
        }
    }
    std::map<std::pair<std::string, TopicPartition>, Offset> highest;
    CheckResult result;
    for (const Observation& o : seen) {
        const auto [it, first] = highest.try_emplace({o.consumer->group, *o.tp}, o.offset);
        if (first || o.offset >= it->second) {
            if (o.offset > it->second) it->second = o.offset;
            continue;
        }
        ++result.count;
        if (result.examples.size() < 5)
            result.examples.push_back(std::string(o.what) + " by " + o.consumer->member + " of group " + o.consumer->group +
                                      " at " + o.tp->str() + " gave " + std::to_string(o.offset.value) + " after " +
                                      std::to_string(it->second.value));
    }
    return result;
}

}  // namespace kafkasim::check
