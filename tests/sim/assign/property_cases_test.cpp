// The property cases of the assignor vectors (tests/data/kafka-vectors-assignors.json, copied
// from the shared kafka-vectors.json): cases where Kafka's tests assert properties rather
// than one exact result. Where the vectors also record what Kafka's code produced
// (kafka_code_result), we match that too.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "sim/assign/rounds.h"
#include "sim/assign/sticky.h"
#include "tests/sim/assign/assignment_checks.h"
#include "tests/sim/assign/vector_reader.h"

using namespace kafkasim::assign;
using namespace kafkasim::assign::test;

namespace {

constexpr Strategy sticky_strategies[] = {Strategy::sticky, Strategy::cooperative_sticky};

VectorCase vector_named(const std::string& id) {
    for (VectorCase& c : load_assignor_vectors())
        if (c.id == id) return c;
    FAIL("no vector " << id);
    return {};
}

std::multiset<std::size_t> sizes(const Assignment& a) {
    std::multiset<std::size_t> s;
    for (const auto& entry : a) s.insert(entry.second.size());
    return s;
}

bool contains_all(const std::vector<TopicPartition>& big, const std::vector<TopicPartition>& small) {
    return std::all_of(small.begin(), small.end(),
                       [&](const TopicPartition& tp) { return std::find(big.begin(), big.end(), tp) != big.end(); });
}

// Round n of the case: its members report round n-1's result as owned, in generation 1.
GroupSubscription with_owned(GroupSubscription group, const Assignment& previous) {
    for (auto& m : group.members) {
        m.owned = previous.at(m.member_id);
        m.generation = Generation{1};
    }
    return group;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("adding then deleting a topic keeps every partition that can stay") {
    const auto raw = raw_vector("sticky-add-topic-keeps-partitions");
    for (const Strategy strategy : sticky_strategies) {
        INFO("strategy " << strategy_name(strategy));
        const GroupSubscription g1 = group_from_json(raw["rounds"][0]);
        const Assignment r1 = assign_rounds(strategy, g1, Round::final).assignment;
        CHECK(sizes(r1) == std::multiset<std::size_t>{1, 2});
        CHECK(run_sticky(g1).transferring->empty());

        const GroupSubscription g2 = with_owned(group_from_json(raw["rounds"][1]), r1);
        const Assignment r2 = assign_rounds(strategy, g2, Round::final).assignment;
        CHECK(sizes(r2) == std::multiset<std::size_t>{3, 3});
        for (const auto& [member, partitions] : r1) CHECK(contains_all(r2.at(member), partitions));
        CHECK(run_sticky(g2).transferring->empty());

        const GroupSubscription g3 = with_owned(group_from_json(raw["rounds"][2]), r2);
        const Assignment r3 = assign_rounds(strategy, g3, Round::final).assignment;
        CHECK(sizes(r3) == std::multiset<std::size_t>{1, 2});
        for (const auto& [member, partitions] : r3) CHECK(contains_all(r2.at(member), partitions));
        CHECK(run_sticky(g3).transferring->empty());
        CHECK(check_valid(g3, r3).empty());
    }
}

TEST_CASE("sticky fixes the poor roundrobin scenario with two partitions each") {
    const VectorCase c = vector_named("sticky-poor-roundrobin-scenario");
    for (const Strategy strategy : sticky_strategies) {
        for (const Round round : {Round::first, Round::final}) {
            INFO("strategy " << strategy_name(strategy));
            const Assignment got = sorted(assign_rounds(strategy, *c.group, round).assignment);
            CHECK(sizes(got) == std::multiset<std::size_t>{2, 2, 2, 2});
            CHECK(check_valid(*c.group, got) == "");
            CHECK(check_kafka_balance(*c.group, got) == "");
            CHECK_MESSAGE(got == *c.kafka_code_result, describe(got));
        }
    }
}

TEST_CASE("removing C1 from the StickyAssignor javadoc example keeps all five survivors") {
    const VectorCase c = vector_named("sticky-javadoc-example1-remove-C1");
    for (const Strategy strategy : sticky_strategies) {
        INFO("strategy " << strategy_name(strategy));
        const Assignment got = sorted(assign_rounds(strategy, *c.group, Round::final).assignment);
        for (const auto& m : c.group->members) CHECK(contains_all(got.at(m.member_id), m.owned));
        CHECK(sizes(got) == std::multiset<std::size_t>{4, 4});
        CHECK(check_valid(*c.group, got) == "");
        CHECK_MESSAGE(got == *c.kafka_code_result, describe(got));
        // The javadoc's illustrative split is not what Kafka's code produces.
        CHECK(got != assignment_from_json(raw_vector(c.id)["javadoc_example"]));
    }
}

TEST_CASE("every property case of the vectors is covered here") {
    int properties = 0;
    for (const VectorCase& c : load_assignor_vectors()) properties += c.kind == "property" ? 1 : 0;
    CHECK(properties == 3);
}

}  // TEST_SUITE
