// Member orders of Kafka's AbstractPartitionAssignor.MemberInfo and of its subscription map.
#include "sim/assign/member_order.h"

#include <algorithm>

#include "sim/assign/java_hash_order.h"
#include "sim/assign/java_string.h"

namespace kafkasim::assign {

bool member_info_less(const MemberSubscription& a, const MemberSubscription& b) {
    if (a.group_instance_id && b.group_instance_id)
        return java_less(*a.group_instance_id, *b.group_instance_id);
    if (a.group_instance_id || b.group_instance_id) return a.group_instance_id.has_value();
    return java_less(a.member_id, b.member_id);
}

std::vector<std::size_t> subscription_order(const GroupSubscription& group) {
    std::vector<std::int32_t> hashes;
    hashes.reserve(group.members.size());
    for (const auto& m : group.members) hashes.push_back(java_hash_code(m.member_id));
    return java_hash_map_order(hashes);
}

std::vector<std::size_t> member_info_order(const GroupSubscription& group) {
    std::vector<std::size_t> order = subscription_order(group);
    std::stable_sort(order.begin(), order.end(), [&group](std::size_t a, std::size_t b) {
        return member_info_less(group.members[a], group.members[b]);
    });
    return order;
}

}  // namespace kafkasim::assign
