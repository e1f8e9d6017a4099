#include "sim/check/reordered.h"

#include <map>

namespace kafkasim::check {

CheckResult check_reordered(const History& history) {
    std::map<std::pair<ConsumerRef, TopicPartition>, Offset> last;  // highest offset returned so far
    CheckResult result;
    for (const PollEvent& poll : history.polls()) {
        const auto [it, first] = last.try_emplace({poll.consumer, poll.tp}, Offset{-1});
        for (const ConsumedRecord& r : poll.records) {
            if (r.offset > it->second) {
                it->second = r.offset;
                continue;
            }
            ++result.count;
            if (result.examples.size() < 5)
                result.examples.push_back(r.value + " at " + poll.tp.str() + " offset " + std::to_string(r.offset.value) +
                                          " returned to " + poll.consumer.member + " after offset " +
                                          std::to_string(it->second.value));
        }
    }
    return result;
}

}  // namespace kafkasim::check
