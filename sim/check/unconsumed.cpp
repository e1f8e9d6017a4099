#include "sim/check/unconsumed.h"

#include <array>
#include <map>
#include <set>

#include "engine/assert.h"

namespace kafkasim::check {

namespace {

// The parts in their fixed order, and the acks value each stands for.
constexpr std::array<std::pair<std::int16_t, const char*>, 3> modes{{{-1, "all"}, {1, "1"}, {0, "0"}}};

std::size_t mode_index(std::int16_t acks) {
    for (std::size_t i = 0; i < modes.size(); ++i)
        if (modes[i].first == acks) return i;
    SIM_ASSERT(false, "an AckEvent's acks is -1, 1 or 0");
    return 0;
}

std::string example(const AckEvent& ack, const std::vector<std::string>& missed_by) {
    std::string where = ack.tp.str();
    if (ack.offset.value >= 0) where += "@" + std::to_string(ack.offset.value);  // acks=0 learns no offset
    std::string groups;
    for (const std::string& g : missed_by) groups += (groups.empty() ? "" : ", ") + g;
    return where + " value " + ack.value + " (acks=" + modes[mode_index(ack.acks)].second + ") never consumed by group" +
           (missed_by.size() > 1 ? "s " : " ") + groups;
}

}  // namespace

CheckResult check_unconsumed(const History& history, const std::vector<Subscription>& subscriptions) {
    std::map<std::string, std::vector<std::string>> subscribers;  // topic -> groups, in the given order
    for (const Subscription& s : subscriptions)
        for (const std::string& topic : std::set<std::string>(s.topics.begin(), s.topics.end()))
            subscribers[topic].push_back(s.group);
    std::set<std::pair<std::string, std::string>> received;  // (group, value)
    for (const PollEvent& p : history.polls())
        for (const ConsumedRecord& r : p.records) received.emplace(p.consumer.group, r.value);
    CheckResult result;
    std::array<std::int64_t, modes.size()> per_mode{};
    std::array<std::vector<std::string>, modes.size()> examples;  // broken promises are shown first
    for (const AckEvent& ack : history.acks()) {
        if (ack.error != Errc::none) continue;
        const auto groups = subscribers.find(ack.tp.topic);
        if (groups == subscribers.end()) continue;
        std::vector<std::string> missed_by;
        for (const std::string& g : groups->second)
            if (received.count({g, ack.value}) == 0) missed_by.push_back(g);
        if (missed_by.empty()) continue;
        const std::size_t mode = mode_index(ack.acks);
        ++result.count;
        ++per_mode[mode];
        if (examples[mode].size() < 5) examples[mode].push_back(example(ack, missed_by));
    }
    for (std::size_t i = 0; i < modes.size(); ++i) {
        result.parts.push_back({"acks", modes[i].second, per_mode[i]});
        for (std::string& e : examples[i])
            if (result.examples.size() < 5) result.examples.push_back(std::move(e));
    }
    return result;
}

}  // namespace kafkasim::check
