#include "sim/check/unconsumed.h"

#include <array>
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
    return check_unconsumed(Evidence(history, ReplicaViews{}), subscriptions);
}

CheckResult check_unconsumed(const Evidence& evidence, const std::vector<Subscription>& subscriptions) {
    // Per topic number, the groups subscribed to it in the given order (no_id: one that never
    // polled, so received nothing).
    std::vector<std::vector<std::pair<const std::string*, Id>>> subscribers(evidence.topics.size());
    for (const Subscription& s : subscriptions)
        for (const std::string& topic : std::set<std::string>(s.topics.begin(), s.topics.end()))
            if (const Id t = evidence.topics.find(topic); t != no_id)
                subscribers[t].emplace_back(&s.group, evidence.groups.find(s.group));
    KeySet received;  // (group, value)
    received.reserve(evidence.polled_values.size());
    std::size_t next = 0;
    for (std::size_t i = 0; i < evidence.poll_groups.size(); ++i)
        for (std::size_t n = evidence.history.polls()[i].records.size(); n > 0; --n)
            received.try_emplace(pair_key(evidence.poll_groups[i], evidence.polled_values[next++]));
    CheckResult result;
    std::array<std::int64_t, modes.size()> per_mode{};
    std::array<std::vector<std::string>, modes.size()> examples;  // broken promises are shown first
    const std::vector<AckEvent>& acks = evidence.history.acks();
    for (std::size_t i = 0; i < acks.size(); ++i) {
        const AckEvent& ack = acks[i];
        if (ack.error != Errc::none) continue;
        std::vector<std::string> missed_by;
        for (const auto& [name, group] : subscribers[evidence.topic_of[evidence.acks[i].tp]])
            if (group == no_id || !received.contains(pair_key(group, evidence.acks[i].value))) missed_by.push_back(*name);
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
