// Randomized properties of the four assignors over thousands of seeded groups (Kafka's
// AbstractStickyAssignorTest checks the same ones on its random groups):
// - every final assignment is valid: each partition of a subscribed topic goes to exactly one
//   member subscribed to it;
// - range: per topic, subscriber counts within one; roundrobin: totals within one when all
//   subscriptions are equal;
// - sticky and cooperative-sticky (final round): balanced per verifyValidityAndBalance, fully
//   balanced when all subscriptions are equal, no two-way moves within a topic (isSticky), and
//   with equal subscriptions each member keeps min(owned, minQuota) of what it owned;
// - cooperative-sticky never gives a partition away in the rebalance that revokes it and
//   settles within 5 rebalances (Kafka's test allows 4 follow-ups).
// "quick" runs a few thousand small groups; "sweep" many more and larger ones.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "engine/random.h"
#include "sim/assign/rounds.h"
#include "sim/assign/assignor_failure.h"
#include "tests/sim/assign/assignment_checks.h"
#include "tests/sim/assign/random_group.h"

using namespace kafkasim;
using namespace kafkasim::assign;
using namespace kafkasim::assign::test;

namespace {

constexpr Strategy all_strategies[] = {Strategy::range, Strategy::roundrobin, Strategy::sticky,
                                       Strategy::cooperative_sticky};

engine::Random stream(std::uint64_t seed, const char* name) {
    return engine::Random::from_seed(seed).split("assign").split(name);
}

Assignment owned_of(const GroupSubscription& group) {
    Assignment owned;
    for (const auto& m : group.members) owned[m.member_id] = m.owned;
    return owned;
}

// Runs the rebalances of `strategy` as assign_rounds does, checking each one; returns the last.
std::string run_and_check_rounds(Strategy strategy, const GroupSubscription& group, Assignment& final_result) {
    GroupSubscription current = group;
    for (int round = 1;; ++round) {
        const Assignment result = assign::assign(strategy, current);
        if (strategy == Strategy::cooperative_sticky) {
            // Nothing a member gains may still be owned by another member this round.
            for (const auto& [member, partitions] : result)
                for (const auto& tp : partitions)
                    for (const auto& other : current.members)
                        if (other.member_id != member && std::count(other.owned.begin(), other.owned.end(), tp) != 0)
                            return member + " gets " + to_string(tp) + " while " + other.member_id + " still owns it";
        }
        if (strategy == Strategy::sticky || strategy == Strategy::cooperative_sticky)
            if (auto e = check_no_two_way_moves(owned_of(current), current, result); !e.empty()) return e;
        if (!is_cooperative(strategy) || !revokes_any(current, result)) {
            final_result = result;
            return "";
        }
        if (round == 5) return "cooperative-sticky did not settle within 5 rebalances";
        current = next_rebalance(std::move(current), result);
    }
}

std::string check_strategy_properties(Strategy strategy, const GroupSubscription& group, const Assignment& result) {
    if (auto e = check_valid(group, result); !e.empty()) return e;
    const bool equal = all_subscriptions_equal(group);
    switch (strategy) {
        case Strategy::range: return check_range_per_topic(group, result);
        case Strategy::roundrobin: return equal ? check_fully_balanced(result) : "";
        case Strategy::sticky:
        case Strategy::cooperative_sticky:
            if (auto e = check_kafka_balance(group, result); !e.empty()) return e;
            return equal ? check_fully_balanced(result) : "";
    }
    return "";
}

// With equal subscriptions, a member that owned n valid partitions keeps at least
// min(n, minQuota) of them (ConstrainedAssignmentBuilder.assignOwnedPartitions).
std::string check_keeps_quota(const GroupSubscription& group, const Assignment& result) {
    if (!all_subscriptions_equal(group)) return "";
    const auto topics = subscribed_partitions_per_topic(group);
    std::int64_t total = 0;
    for (const auto& entry : topics) total += entry.second;
    const auto min_quota = static_cast<std::size_t>(total / static_cast<std::int64_t>(group.members.size()));
    for (const auto& m : group.members) {
        std::size_t valid = 0;
        std::size_t kept = 0;
        for (const auto& tp : m.owned) {
            if (topics.count(tp.topic) == 0) continue;
            ++valid;
            const auto& now = result.at(m.member_id);
            kept += std::count(now.begin(), now.end(), tp) != 0 ? 1 : 0;
        }
        if (kept < std::min(valid, min_quota))
            return m.member_id + " kept " + std::to_string(kept) + " of " + std::to_string(valid) + " owned partitions";
    }
    return "";
}

// Returns the number of (group, strategy) runs checked.
int fresh_groups(std::uint64_t first_seed, int count, const GroupShape& shape) {
    int runs = 0;
    for (std::uint64_t seed = first_seed; seed < first_seed + static_cast<std::uint64_t>(count); ++seed) {
        engine::Random r = stream(seed, "fresh");
        const auto kind = seed % 2 == 0 ? Subscriptions::equal : Subscriptions::random;
        const GroupSubscription group = random_group(r, shape, kind);
        for (const Strategy strategy : all_strategies) {
            Assignment result;
            std::string error = run_and_check_rounds(strategy, group, result);
            if (error.empty()) error = check_strategy_properties(strategy, group, result);
            if (!error.empty()) FAIL_CHECK("seed " << seed << " " << strategy_name(strategy) << ": " << error);
            ++runs;
        }
    }
    return runs;
}

int changing_groups(std::uint64_t first_seed, int count, const GroupShape& shape) {
    int runs = 0;
    for (std::uint64_t seed = first_seed; seed < first_seed + static_cast<std::uint64_t>(count); ++seed) {
        for (const Strategy strategy : {Strategy::sticky, Strategy::cooperative_sticky}) {
            engine::Random r = stream(seed, "changes");
            const auto kind = seed % 2 == 0 ? Subscriptions::equal : Subscriptions::random;
            const GroupSubscription before = random_group(r, shape, kind);
            const Assignment first = assign_rounds(strategy, before, Round::final).assignment;
            const GroupSubscription after = changed_group(r, before, first, kind);
            Assignment result;
            std::string error = run_and_check_rounds(strategy, after, result);
            if (error.empty()) error = check_strategy_properties(strategy, after, result);
            if (error.empty()) error = check_keeps_quota(after, result);
            if (!error.empty()) FAIL_CHECK("seed " << seed << " " << strategy_name(strategy) << ": " << error);
            ++runs;
        }
    }
    return runs;
}

// Kafka's general sticky algorithm throws NullPointerException on some groups where an
// older-generation member claims a partition of a topic it left (kafka_quirks_test.cpp);
// these groups have no such claim, so it must never happen here.
int conflicting_groups(std::uint64_t first_seed, int count, const GroupShape& shape) {
    int runs = 0;
    for (std::uint64_t seed = first_seed; seed < first_seed + static_cast<std::uint64_t>(count); ++seed) {
        engine::Random r = stream(seed, "conflicts");
        const GroupSubscription group = conflicting_group(r, shape);
        for (const Strategy strategy : {Strategy::sticky, Strategy::cooperative_sticky}) {
            std::string error;
            try {
                const Assignment result = assign_rounds(strategy, group, Round::final).assignment;
                error = check_strategy_properties(strategy, group, result);
            } catch (const KafkaAssignorFailure& e) {
                error = e.what();
            }
            if (!error.empty()) FAIL_CHECK("seed " << seed << " " << strategy_name(strategy) << ": " << error);
            ++runs;
        }
    }
    return runs;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("fresh random groups get valid assignments with each assignor's balance") {
    CHECK(fresh_groups(0, 2000, GroupShape{}) == 8000);
}

TEST_CASE("sticky assignors stay valid balanced and sticky through random group changes") {
    CHECK(changing_groups(0, 1000, GroupShape{}) == 2000);
}

TEST_CASE("conflicting claims and mixed generations still give valid balanced assignments") {
    CHECK(conflicting_groups(0, 1000, GroupShape{}) == 2000);
}

}  // TEST_SUITE

TEST_SUITE("sweep") {

TEST_CASE("sweep of larger random groups through fresh assignment changes and conflicts") {
    const GroupShape big{16, 8, 24};
    CHECK(fresh_groups(100000, 5000, big) == 20000);
    CHECK(changing_groups(100000, 5000, big) == 10000);
    CHECK(conflicting_groups(100000, 5000, big) == 10000);
}

}  // TEST_SUITE
