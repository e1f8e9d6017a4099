// The shared assignor model: topic-partition notation, metadata filtering, input checks and
// the strategy names (Kafka's assignor name() values).
#include <doctest/doctest.h>

#include "sim/assign/assignor.h"
#include "sim/assign/model.h"
#include "sim/assign/rounds.h"

using namespace kafkasim::assign;

TEST_SUITE("quick") {

TEST_CASE("topic-partition strings split on the last dash") {
    CHECK(parse_topic_partition("my-topic-12") == TopicPartition{"my-topic", 12});
    CHECK(parse_topic_partition("t-0") == TopicPartition{"t", 0});
    CHECK_FALSE(parse_topic_partition("topic").has_value());
    CHECK_FALSE(parse_topic_partition("-3").has_value());
    CHECK_FALSE(parse_topic_partition("topic-").has_value());
    CHECK_FALSE(parse_topic_partition("topic-1x").has_value());
    CHECK_FALSE(parse_topic_partition("topic-99999999999").has_value());
    CHECK(to_string(TopicPartition{"a-b", 7}) == "a-b-7");
}

TEST_CASE("only subscribed topics with partitions take part") {
    GroupSubscription g;
    g.partitions_per_topic = {{"a", 2}, {"b", 0}, {"c", 3}};
    g.members.push_back({"m1", std::nullopt, {"a", "b", "missing"}, {}, {}});
    CHECK(subscribed_partitions_per_topic(g) == std::map<TopicName, std::int32_t>{{"a", 2}});
}

TEST_CASE("check_group rejects what Kafka's coordinator never sends") {
    GroupSubscription g;
    g.partitions_per_topic = {{"a", 2}};
    g.members.push_back({"m1", std::nullopt, {"a"}, {TopicPartition{"a", 1}, TopicPartition{"gone", 5}}, {}});
    CHECK_FALSE(check_group(g).has_value());
    g.members.push_back({"m1", std::nullopt, {"a"}, {}, {}});
    CHECK(check_group(g).value() == "member m1 appears twice");
    g.members.pop_back();
    g.members[0].owned.push_back(TopicPartition{"a", 2});
    CHECK(check_group(g).value().find("a-2") != std::string::npos);
}

TEST_CASE("strategy names round-trip and only cooperative-sticky is cooperative") {
    for (const Strategy s : {Strategy::range, Strategy::roundrobin, Strategy::sticky, Strategy::cooperative_sticky})
        CHECK(parse_strategy(strategy_name(s)) == s);
    CHECK_FALSE(parse_strategy("Range").has_value());
    CHECK(is_cooperative(Strategy::cooperative_sticky));
    CHECK_FALSE(is_cooperative(Strategy::sticky));
}

TEST_CASE("the follow-up rebalance reports the last result as owned in the next generation") {
    GroupSubscription g;
    g.partitions_per_topic = {{"t", 2}};
    g.members.push_back({"a", std::nullopt, {"t"}, {}, Generation{4}});
    g.members.push_back({"b", std::nullopt, {"t"}, {}, Generation{}});
    const Assignment result{{"a", {TopicPartition{"t", 0}}}, {"b", {TopicPartition{"t", 1}}}};
    const GroupSubscription next = next_rebalance(g, result);
    CHECK(next.members[0].owned == result.at("a"));
    CHECK(next.members[1].owned == result.at("b"));
    CHECK(next.members[0].generation == Generation{5});
    CHECK(next.members[1].generation == Generation{5});
    CHECK_FALSE(revokes_any(next, result));
}

TEST_CASE("an empty group gets an empty assignment") {
    for (const Strategy s : {Strategy::range, Strategy::roundrobin, Strategy::sticky, Strategy::cooperative_sticky})
        CHECK(assign(s, GroupSubscription{{{"t", 3}}, {}}).empty());
}

}  // TEST_SUITE
