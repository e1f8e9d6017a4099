// Assignment checks for the assignor tests (Kafka's AbstractStickyAssignorTest oracles).
#include "tests/sim/assign/assignment_checks.h"

#include <algorithm>
#include <cstdlib>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>

namespace kafkasim::assign::test {

namespace {

const MemberSubscription* find_member(const GroupSubscription& group, const MemberId& id) {
    for (const auto& m : group.members)
        if (m.member_id == id) return &m;
    return nullptr;
}

bool subscribes(const MemberSubscription& m, const TopicName& topic) {
    return std::find(m.topics.begin(), m.topics.end(), topic) != m.topics.end();
}

std::set<TopicName> topics_of(const std::vector<TopicPartition>& partitions) {
    std::set<TopicName> topics;
    for (const auto& tp : partitions) topics.insert(tp.topic);
    return topics;
}

}  // namespace

std::string describe(const Assignment& assignment) {
    std::string text = "{";
    for (const auto& [member, partitions] : sorted(assignment)) {
        text += " " + member + ":[";
        for (const auto& tp : partitions) text += " " + to_string(tp);
        text += " ]";
    }
    return text + " }";
}

std::string check_valid(const GroupSubscription& group, const Assignment& assignment) {
    if (assignment.size() != group.members.size()) return "members missing or extra";
    std::set<TopicPartition> seen;
    for (const auto& [member, partitions] : assignment) {
        const MemberSubscription* m = find_member(group, member);
        if (m == nullptr) return "unknown member " + member;
        for (const auto& tp : partitions) {
            if (!subscribes(*m, tp.topic)) return member + " got " + to_string(tp) + " without subscribing";
            if (!seen.insert(tp).second) return to_string(tp) + " assigned twice";
        }
    }
    for (const auto& [topic, count] : subscribed_partitions_per_topic(group))
        for (std::int32_t p = 0; p < count; ++p)
            if (seen.count(TopicPartition{topic, p}) == 0) return to_string(TopicPartition{topic, p}) + " unassigned";
    const auto existing = subscribed_partitions_per_topic(group);
    for (const auto& tp : seen) {
        const auto it = existing.find(tp.topic);
        if (it == existing.end() || tp.partition >= it->second) return to_string(tp) + " does not exist";
    }
    return "";
}

std::string check_kafka_balance(const GroupSubscription& group, const Assignment& assignment) {
    std::vector<std::pair<MemberId, std::vector<TopicPartition>>> members(assignment.begin(), assignment.end());
    for (std::size_t i = 0; i < members.size(); ++i) {
        const auto& [a, pa] = members[i];
        const MemberSubscription* m = find_member(group, a);
        for (const auto& tp : pa)
            if (m == nullptr || !subscribes(*m, tp.topic)) return a + " got unsubscribed " + to_string(tp);
        for (std::size_t j = i + 1; j < members.size(); ++j) {
            const auto& [b, pb] = members[j];
            for (const auto& tp : pa)
                if (std::find(pb.begin(), pb.end(), tp) != pb.end()) return a + " and " + b + " share " + to_string(tp);
            const auto gap = std::abs(static_cast<long>(pa.size()) - static_cast<long>(pb.size()));
            if (gap <= 1) continue;
            const auto ta = topics_of(pa);
            for (const auto& topic : topics_of(pb))
                if (ta.count(topic) != 0) return a + " and " + b + " differ by " + std::to_string(gap) + " but share topic " + topic;
        }
    }
    return "";
}

std::string check_fully_balanced(const Assignment& assignment) {
    std::size_t min = SIZE_MAX;
    std::size_t max = 0;
    for (const auto& entry : assignment) {
        min = std::min(min, entry.second.size());
        max = std::max(max, entry.second.size());
    }
    if (!assignment.empty() && max > min + 1)
        return "counts range from " + std::to_string(min) + " to " + std::to_string(max);
    return "";
}

std::string check_range_per_topic(const GroupSubscription& group, const Assignment& assignment) {
    for (const auto& [topic, count] : subscribed_partitions_per_topic(group)) {
        std::size_t min = SIZE_MAX;
        std::size_t max = 0;
        for (const auto& m : group.members) {
            if (!subscribes(m, topic)) continue;
            const auto& got = assignment.at(m.member_id);
            const auto n = static_cast<std::size_t>(
                std::count_if(got.begin(), got.end(), [&](const TopicPartition& tp) { return tp.topic == topic; }));
            min = std::min(min, n);
            max = std::max(max, n);
        }
        if (max > min + 1) return "topic " + topic + " spread from " + std::to_string(min) + " to " + std::to_string(max);
    }
    return "";
}

std::string check_no_two_way_moves(const Assignment& before, const GroupSubscription& group,
                                   const Assignment& after) {
    std::map<TopicPartition, MemberId> owner_after;
    for (const auto& [member, partitions] : after)
        for (const auto& tp : partitions) owner_after[tp] = member;
    std::set<std::tuple<TopicName, MemberId, MemberId>> moves;
    for (const auto& [member, partitions] : before) {
        const MemberSubscription* m = find_member(group, member);
        if (m == nullptr) continue;
        for (const auto& tp : partitions) {
            const auto it = owner_after.find(tp);
            if (!subscribes(*m, tp.topic) || it == owner_after.end() || it->second == member) continue;
            moves.insert({tp.topic, member, it->second});
        }
    }
    for (const auto& [topic, from, to] : moves)
        if (moves.count({topic, to, from}) != 0) return "partitions of " + topic + " move both ways between " + from + " and " + to;
    return "";
}

bool all_subscriptions_equal(const GroupSubscription& group) {
    if (group.members.empty()) return true;
    const std::set<TopicName> first(group.members[0].topics.begin(), group.members[0].topics.end());
    return std::all_of(group.members.begin(), group.members.end(), [&](const MemberSubscription& m) {
        return std::set<TopicName>(m.topics.begin(), m.topics.end()) == first;
    });
}

}  // namespace kafkasim::assign::test
