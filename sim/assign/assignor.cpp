// Strategy names and the dispatch to each assignor (Kafka's ConsumerPartitionAssignor.name()).
#include "sim/assign/assignor.h"

#include <algorithm>
#include <set>

#include "engine/assert.h"
#include "sim/assign/cooperative_sticky.h"
#include "sim/assign/range.h"
#include "sim/assign/roundrobin.h"
#include "sim/assign/sticky.h"

namespace kafkasim::assign {

namespace {

GroupSubscription normalized(GroupSubscription group) {
    for (auto& member : group.members) {
        member.generation = member.generation.normalized();
        std::vector<TopicName> unique;
        for (auto& topic : member.topics)
            if (std::find(unique.begin(), unique.end(), topic) == unique.end()) unique.push_back(topic);
        member.topics = std::move(unique);
    }
    return group;
}

}  // namespace

std::optional<Strategy> parse_strategy(std::string_view name) {
    if (name == "range") return Strategy::range;
    if (name == "roundrobin") return Strategy::roundrobin;
    if (name == "sticky") return Strategy::sticky;
    if (name == "cooperative-sticky") return Strategy::cooperative_sticky;
    return std::nullopt;
}

std::string_view strategy_name(Strategy strategy) {
    switch (strategy) {
        case Strategy::range: return "range";
        case Strategy::roundrobin: return "roundrobin";
        case Strategy::sticky: return "sticky";
        case Strategy::cooperative_sticky: return "cooperative-sticky";
    }
    return "?";
}

bool is_cooperative(Strategy strategy) { return strategy == Strategy::cooperative_sticky; }

std::optional<std::string> check_group(const GroupSubscription& group) {
    for (const auto& [topic, count] : group.partitions_per_topic) {
        if (topic.empty()) return "a topic name is empty";
        if (count < 0) return "topic " + topic + " has a negative partition count";
    }
    std::set<MemberId> ids;
    for (const auto& member : group.members) {
        if (!ids.insert(member.member_id).second) return "member " + member.member_id + " appears twice";
        for (const auto& tp : member.owned) {
            const auto it = group.partitions_per_topic.find(tp.topic);
            // Owned partitions of unknown topics are fine: Kafka ignores them.
            if (it != group.partitions_per_topic.end() && (tp.partition < 0 || tp.partition >= it->second))
                return "member " + member.member_id + " owns " + to_string(tp) + ", but topic " +
                       tp.topic + " has " + std::to_string(it->second) + " partitions";
        }
    }
    return std::nullopt;
}

Assignment assign(Strategy strategy, const GroupSubscription& group) {
    const auto problem = check_group(group);
    SIM_ASSERT(!problem, "the group's input is checked at the edge (check_group)");
    if (group.members.empty()) return {};  // Kafka never assigns for an empty group
    const GroupSubscription input = normalized(group);
    switch (strategy) {
        case Strategy::range: return assign_range(input);
        case Strategy::roundrobin: return assign_roundrobin(input);
        case Strategy::sticky: return assign_sticky(input);
        case Strategy::cooperative_sticky: return assign_cooperative_sticky(input);
    }
    SIM_ASSERT(false, "every strategy is handled");
    return {};
}

}  // namespace kafkasim::assign
