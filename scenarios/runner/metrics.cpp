#include "scenarios/runner/metrics.h"

#include <algorithm>
#include <tuple>

#include "sim/cluster/cluster.h"

namespace kafkasim::scenarios {

namespace {

// lag and idle_members from the coordinators; processed counts each record once per group,
// for the member that processed it first (redeliveries counts the rest).
void add_group_metrics(const check::Evidence& evidence, const std::vector<GroupReport>& groups, engine::Instant now,
                       Metrics& m) {
    auto& lag = m["lag"];
    auto& idle = m["idle_members"];
    for (const GroupReport& g : groups) {
        for (const GroupOffsetState& o : g.offsets)
            if (o.lag >= 0)
                lag.push_back({{{"group", g.group}, {"topic", o.topic}, {"partition", std::to_string(o.partition)}},
                               static_cast<double>(o.lag)});
        const auto idle_count = std::count_if(g.members.begin(), g.members.end(),
                                              [](const GroupMemberState& s) { return s.partitions.empty(); });
        idle.push_back({{{"group", g.group}}, static_cast<double>(idle_count)});
    }
    // (group, value) first processed, by the evidence's numbers: no string is hashed or copied.
    const check::History& history = evidence.history;
    check::KeySet seen;
    seen.reserve(evidence.processed.size());
    using Key = std::tuple<std::string, std::string, std::string, std::int32_t>;
    std::map<Key, std::int64_t> processed;
    const check::ProcessEvent* last = nullptr;  // a member processes a partition's records in runs
    check::MemberIds last_ids{check::no_id, check::no_id};
    std::map<Key, std::int64_t>::iterator last_count;
    for (std::size_t i = 0; i < history.processed().size(); ++i) {
        const check::ProcessEvent& p = history.processed()[i];
        const check::MemberIds ids = evidence.processed[i];
        if (p.at > now || !seen.try_emplace(check::pair_key(ids.group, evidence.processed_values[i])).second) continue;
        if (last == nullptr || ids.group != last_ids.group || ids.tp != last_ids.tp || p.consumer.member != last->consumer.member)
            last_count = processed.try_emplace(Key{p.consumer.group, p.consumer.member, p.tp.topic, p.tp.partition}, 0).first;
        last = &p;
        last_ids = ids;
        last_count->second += 1;
    }
    auto& processed_samples = m["processed"];
    for (const auto& [key, count] : processed) {
        const auto& [group, member, topic, partition] = key;
        processed_samples.push_back(
            {{{"group", group}, {"member", member}, {"topic", topic}, {"partition", std::to_string(partition)}},
             static_cast<double>(count)});
    }
    std::map<std::pair<std::string, std::string>, engine::Duration> paused;
    for (const check::RebalanceEvent& r : evidence.history.rebalances())
        if (r.ended <= now) paused[{r.consumer.group, r.consumer.member}] += r.paused;
    auto& pause_samples = m["rebalance_pause_ms"];
    for (const auto& [key, d] : paused)
        pause_samples.push_back({{{"group", key.first}, {"member", key.second}}, static_cast<double>(d.count_ms())});
}

}  // namespace

Metrics collect_metrics(const check::Evidence& evidence, const LeaderlessClock& leaderless,
                        const UnavailableClock& unavailable, const cluster::Cluster& cluster,
                        const std::map<std::string, check::CheckResult>& checks,
                        const std::vector<GroupReport>& groups, engine::Instant now) {
    Metrics m;
    for (const auto& [name, result] : checks) {
        auto& samples = m[name];
        if (result.parts.empty()) samples.push_back({{}, static_cast<double>(result.count)});
        for (const check::CountPart& p : result.parts)
            samples.push_back({{{p.label, p.value}}, static_cast<double>(p.count)});
    }
    // acked / failed_sends per producer and partition.
    using Key = std::tuple<std::string, std::string, std::int32_t>;
    std::map<Key, std::pair<std::int64_t, std::int64_t>> sends;
    const check::AckEvent* last = nullptr;  // a producer's acks come a batch of a partition at a time
    std::pair<std::int64_t, std::int64_t>* of_last = nullptr;
    for (const check::AckEvent& a : evidence.history.acks()) {
        if (a.at > now) continue;
        if (last == nullptr || a.producer != last->producer || a.tp != last->tp) of_last = &sends[Key{a.producer, a.tp.topic, a.tp.partition}];
        last = &a;
        (a.error == Errc::none ? of_last->first : of_last->second) += 1;
    }
    for (const auto& [key, counts] : sends) {
        const auto& [producer, topic, partition] = key;
        const std::map<std::string, std::string> labels{
            {"producer", producer}, {"topic", topic}, {"partition", std::to_string(partition)}};
        m["acked"].push_back({labels, static_cast<double>(counts.first)});
        m["failed_sends"].push_back({labels, static_cast<double>(counts.second)});
    }
    const auto per_partition = [&m](const std::string& metric, const std::map<std::string, std::int64_t>& values) {
        for (const auto& [name, ms] : values) {
            const auto dash = name.find_last_of('-');
            m[metric].push_back(
                {{{"topic", name.substr(0, dash)}, {"partition", name.substr(dash + 1)}}, static_cast<double>(ms)});
        }
    };
    per_partition("leaderless_ms", leaderless.leaderless_ms(now));
    per_partition("unavailable_ms", unavailable.unavailable_ms(now));
    // Leaders and replicas per broker, as the controller has them (every broker, zero included).
    if (const controller::Controller* c = cluster.controller()) {
        std::map<std::int32_t, std::pair<std::int64_t, std::int64_t>> per_broker;
        for (BrokerId b : cluster.broker_ids()) per_broker[b.value];
        for (const auto& [name, topic] : c->image().topics()) {
            for (const auto& p : topic.partitions) {
                if (p.has_leader()) per_broker[p.leader.value].first += 1;
                for (BrokerId r : p.replicas) per_broker[r.value].second += 1;
            }
        }
        for (const auto& [broker, counts] : per_broker) {
            m["leaders"].push_back({{{"broker", std::to_string(broker)}}, static_cast<double>(counts.first)});
            m["replicas"].push_back({{{"broker", std::to_string(broker)}}, static_cast<double>(counts.second)});
        }
    }
    add_group_metrics(evidence, groups, now, m);
    return m;
}

std::optional<double> evaluate(const MetricRef& ref, const Metrics& metrics) {
    std::vector<double> values;
    if (const auto it = metrics.find(ref.name); it != metrics.end()) {
        for (const Sample& s : it->second) {
            const bool selected = std::all_of(ref.where.begin(), ref.where.end(), [&s](const Selector& sel) {
                const auto l = s.labels.find(sel.label);
                return l != s.labels.end() && l->second == sel.value;
            });
            if (selected) values.push_back(s.value);
        }
    }
    switch (ref.aggregate) {
        case Aggregate::count: return static_cast<double>(values.size());
        case Aggregate::sum: {
            double total = 0;
            for (double v : values) total += v;
            return total;
        }
        case Aggregate::max:
            if (values.empty()) return std::nullopt;
            return *std::max_element(values.begin(), values.end());
        case Aggregate::min:
            if (values.empty()) return std::nullopt;
            return *std::min_element(values.begin(), values.end());
    }
    return std::nullopt;
}

}  // namespace kafkasim::scenarios
