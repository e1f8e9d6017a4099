// Behaviours of Kafka's sticky assignors that look like bugs but are what Kafka does, so we
// do the same (docs/assignors.md). Each expected result was produced by running Kafka's own
// assignor classes (apache/kafka 1eb7644, the snapshot of the vectors) on the same input.
#include <doctest/doctest.h>

#include "sim/assign/rounds.h"
#include "sim/assign/assignor_failure.h"
#include "tests/sim/assign/assignment_checks.h"

using namespace kafkasim::assign;
using namespace kafkasim::assign::test;

namespace {

TopicPartition tp(const char* topic, std::int32_t p) { return TopicPartition{topic, p}; }

// Y and Z subscribe to A (4 partitions), X only to B; Y owns all of A in generation 2. X, in
// generation 1, still reports A-0 (from before it left A) and B-0.
GroupSubscription older_owner_left_topic(std::vector<TopicName> z_topics) {
    GroupSubscription g;
    g.partitions_per_topic = {{"A", 4}, {"B", 1}};
    g.members.push_back({"Y", std::nullopt, {"A"}, {tp("A", 0), tp("A", 1), tp("A", 2), tp("A", 3)}, Generation{2}});
    g.members.push_back({"Z", std::nullopt, std::move(z_topics), {}, Generation{2}});
    g.members.push_back({"X", std::nullopt, {"B"}, {tp("A", 0), tp("B", 0)}, Generation{1}});
    return g;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("an older owner that left a topic gets its partition back as in Kafka") {
    const GroupSubscription g = older_owner_left_topic({"A", "B"});
    const Assignment expected{{"X", {tp("A", 0), tp("B", 0)}}, {"Y", {tp("A", 2), tp("A", 3)}}, {"Z", {tp("A", 1)}}};
    const Assignment got = sorted(assign(Strategy::sticky, g));
    CHECK_MESSAGE(got == expected, describe(got));
    CHECK(check_valid(g, got).find("without subscribing") != std::string::npos);
    const Assignment first = sorted(assign_rounds(Strategy::cooperative_sticky, g, Round::first).assignment);
    CHECK(first == Assignment{{"X", {tp("A", 0), tp("B", 0)}}, {"Y", {tp("A", 2), tp("A", 3)}}, {"Z", {}}});
}

TEST_CASE("Kafka's NullPointerException on an older owner set aside is reported not hidden") {
    const GroupSubscription g = older_owner_left_topic({"A"});
    CHECK_THROWS_AS(assign(Strategy::sticky, g), KafkaAssignorFailure);
    CHECK_THROWS_AS(assign(Strategy::cooperative_sticky, g), KafkaAssignorFailure);
    // Without the stale claim on A-0 the same group is fine.
    GroupSubscription clean = g;
    clean.members[2].owned = {tp("B", 0)};
    CHECK(check_valid(clean, assign(Strategy::sticky, clean)) == "");
}

TEST_CASE("a member with an empty subscription seen first in HashMap order gets partitions") {
    // Kafka's allSubscriptionsEqual starts from the first non-empty subscription, so an empty
    // one iterated before it counts as equal and the constrained algorithm serves it. "A"
    // comes before "B" in Java's HashMap; "C" after it.
    GroupSubscription first;
    first.partitions_per_topic = {{"t", 4}};
    first.members.push_back({"A", std::nullopt, {}, {}, {}});
    first.members.push_back({"B", std::nullopt, {"t"}, {}, {}});
    CHECK(sorted(assign(Strategy::sticky, first)) ==
          Assignment{{"A", {tp("t", 0), tp("t", 2)}}, {"B", {tp("t", 1), tp("t", 3)}}});

    GroupSubscription after;
    after.partitions_per_topic = {{"t", 4}};
    after.members.push_back({"B", std::nullopt, {"t"}, {}, {}});
    after.members.push_back({"C", std::nullopt, {}, {}, {}});
    CHECK(sorted(assign(Strategy::sticky, after)) ==
          Assignment{{"B", {tp("t", 0), tp("t", 1), tp("t", 2), tp("t", 3)}}, {"C", {}}});
}

}  // TEST_SUITE
