// Random groups for the assignor property tests (see random_group.h).
#include "tests/sim/assign/random_group.h"

#include <algorithm>
#include <string>
#include <vector>

namespace kafkasim::assign::test {

namespace {

const std::vector<std::string> plain_ids = {"consumer1", "consumer2", "consumer3", "consumer-1", "consumer-2",
                                            "consumer-10", "c", "C0", "a-b", "zz", "app-7f3a", "app-0b21"};
const std::vector<std::string> odd_ids = {"\u00e9", "\u4e2d\u6587", "\U0001F600x", "\ue000y", "\u03a9",
                                          "ab\U00010000", "ab\uffff"};
// Equal Java hash codes ("Aa" and "BB" hash alike): they share a HashMap bucket.
const std::vector<std::string> colliding_ids = {"AaAaAa", "AaAaBB", "AaBBAa", "AaBBBB",
                                                "BBAaAa", "BBAaBB", "BBBBAa", "BBBBBB"};
const std::vector<std::string> topic_names = {"topic", "topic1", "topic2", "t0", "t1", "t10", "t2", "x-y", "zzz"};

int between(engine::Random& r, int lo, int hi) { return static_cast<int>(r.uniform_between(lo, hi)); }

template <class T>
std::vector<T> sample(engine::Random& r, std::vector<T> pool, int count) {
    for (std::size_t i = 0; i + 1 < pool.size(); ++i)
        std::swap(pool[i], pool[i + r.uniform(pool.size() - i)]);
    pool.resize(std::min(pool.size(), static_cast<std::size_t>(count)));
    return pool;
}

std::vector<std::string> member_ids(engine::Random& r, int count) {
    std::vector<std::string> pool = plain_ids;
    const auto style = r.uniform(4);
    if (style == 1) pool.insert(pool.end(), odd_ids.begin(), odd_ids.end());
    if (style == 2) pool = colliding_ids;  // at most 8: Java turns 9+ in one bucket into a tree
    if (style == 3) pool.insert(pool.end(), colliding_ids.begin(), colliding_ids.begin() + 4);
    return sample(r, pool, count);
}

std::vector<TopicName> random_subscription(engine::Random& r, const std::vector<TopicName>& topics) {
    return sample(r, topics, between(r, 1, static_cast<int>(topics.size())));
}

}  // namespace

GroupSubscription random_group(engine::Random& r, const GroupShape& shape, Subscriptions kind) {
    GroupSubscription group;
    const auto topics = sample(r, topic_names, between(r, 1, shape.max_topics));
    for (const auto& t : topics)
        if (r.chance(9, 10)) group.partitions_per_topic[t] = between(r, 0, shape.max_partitions);
    const auto shared = random_subscription(r, topics);
    for (const auto& id : member_ids(r, between(r, 1, shape.max_members))) {
        MemberSubscription m{id, std::nullopt, kind == Subscriptions::equal ? shared : random_subscription(r, topics), {}, {}};
        if (r.chance(3, 10)) m.group_instance_id = "instance-" + std::to_string(r.uniform(100));
        group.members.push_back(std::move(m));
    }
    return group;
}

GroupSubscription changed_group(engine::Random& r, const GroupSubscription& group, const Assignment& result,
                                Subscriptions kind) {
    GroupSubscription next;
    next.partitions_per_topic = group.partitions_per_topic;
    for (auto& [topic, count] : next.partitions_per_topic)
        if (r.chance(1, 5)) count += between(r, 1, 4);  // partitions are added, never removed
    if (next.partitions_per_topic.size() > 1 && r.chance(1, 5)) next.partitions_per_topic.erase(next.partitions_per_topic.begin());
    std::vector<TopicName> topics;
    for (const auto& m : group.members) topics.insert(topics.end(), m.topics.begin(), m.topics.end());
    std::sort(topics.begin(), topics.end());
    topics.erase(std::unique(topics.begin(), topics.end()), topics.end());

    Generation highest;
    for (const auto& m : group.members) highest = std::max(highest, m.generation);
    const auto shared = random_subscription(r, topics);
    for (const auto& m : group.members) {
        if (r.chance(1, 5) && &m != &group.members.back()) continue;  // left (the last one stays)
        MemberSubscription survivor = m;
        survivor.owned = result.at(m.member_id);
        survivor.generation = Generation{std::max(highest.value + 1, 1)};
        if (kind == Subscriptions::equal) survivor.topics = shared;
        else if (r.chance(1, 4)) survivor.topics = random_subscription(r, topics);
        next.members.push_back(std::move(survivor));
    }
    for (int k = between(r, 0, 2); k > 0; --k) {
        const std::string id = "joiner-" + std::to_string(r.uniform(1000));
        if (std::any_of(next.members.begin(), next.members.end(), [&](const auto& m) { return m.member_id == id; })) continue;
        next.members.push_back({id, std::nullopt, kind == Subscriptions::equal ? shared : random_subscription(r, topics), {}, {}});
    }
    return next;
}

GroupSubscription conflicting_group(engine::Random& r, const GroupShape& shape) {
    GroupSubscription group =
        random_group(r, shape, r.chance(1, 2) ? Subscriptions::equal : Subscriptions::random);
    const std::int32_t generations[] = {-1, 1, 2, 3};
    for (auto& m : group.members) m.generation = Generation{generations[r.uniform(4)]};
    const auto n = group.members.size();
    // Each partition is claimed by none, one or two of the members subscribed to its topic.
    for (const auto& [topic, count] : group.partitions_per_topic) {
        std::vector<std::size_t> subscribers;
        for (std::size_t i = 0; i < n; ++i) {
            const auto& topics = group.members[i].topics;
            if (std::find(topics.begin(), topics.end(), topic) != topics.end()) subscribers.push_back(i);
        }
        if (subscribers.empty()) continue;
        for (std::int32_t p = 0; p < count; ++p) {
            const auto claims = r.uniform(10) < 6 ? 1u : r.chance(1, 4) ? 2u : 0u;
            for (const std::size_t i : sample(r, subscribers, static_cast<int>(claims)))
                group.members[i].owned.push_back({topic, p});
        }
    }
    if (r.chance(1, 5)) group.members[r.uniform(n)].owned.push_back({"deleted-topic", 0});
    return group;
}

}  // namespace kafkasim::assign::test
