// Unclean and preferred elections and reassignments, through the partition change builder
// and the controller's election and reassignment decisions (no network).
#include <doctest/doctest.h>

#include <set>

#include "sim/controller/elections.h"
#include "sim/controller/partition_change.h"
#include "sim/controller/reassignment.h"
#include "tests/sim/controller/partition_fixtures.h"

using namespace kafkasim;
using namespace kafkasim::controller;
using namespace kafkasim::testing;

namespace {

// Brokers 1..4 registered, those in `alive` unfenced; topic "t" (unclean elections as given)
// with partition 0 as `p0`.
metadata::ClusterImage image_with(std::set<int> alive, metadata::PartitionRegistration p0, bool unclean = false) {
    metadata::ClusterImage image;
    std::int64_t next = 0;
    auto add = [&](MetadataRecord r) { image.apply(MetadataEntry{Offset{next++}, std::move(r)}); };
    for (int b = 1; b <= 4; ++b)
        add(RegisterBrokerRecord{BrokerId{b}, IncarnationId{1}, BrokerEpoch{b - 1}, engine::NodeId{0}});
    for (int b : alive) add(UnfenceBrokerRecord{BrokerId{b}, BrokerEpoch{b - 1}});
    LogConfig config;
    config.unclean_leader_election_enable = unclean;
    add(TopicRecord{"t", TopicId{1}, config});
    add(PartitionRecord{TopicId{1}, 0, p0.replicas, p0.isr, p0.leader, LeaderEpoch{3}, PartitionEpoch{5}});
    return image;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("without unclean election a partition whose ISR is dead stays offline") {
    PartitionChangeInput fence{BrokerId{1}, no_broker};
    const auto change = build_partition_change(TopicId{1}, 0, partition(ids({1, 2, 3}), ids({1}), 1), fence,
                                               unfenced({1, 2, 3}));
    REQUIRE(change.has_value());
    CHECK(change->leader == no_broker);
    CHECK_FALSE(change->isr.has_value());  // the last member stays in the ISR
}

TEST_CASE("an unclean election takes the first live replica and forces the ISR to it") {
    PartitionChangeInput fence{BrokerId{1}, no_broker};
    fence.election = Election::unclean;
    const auto change = build_partition_change(TopicId{1}, 0, partition(ids({1, 3, 2}), ids({1}), 1), fence,
                                               unfenced({1, 2, 3}));
    REQUIRE(change.has_value());
    CHECK(change->leader == BrokerId{3});
    CHECK(change->isr == ids({3}));
    CHECK(is_unclean_election(*change));
}

TEST_CASE("an unclean election still prefers a live ISR member") {
    PartitionChangeInput fence{BrokerId{1}, no_broker};
    fence.election = Election::unclean;
    const auto change = build_partition_change(TopicId{1}, 0, partition(ids({1, 3, 2}), ids({1, 2}), 1), fence,
                                               unfenced({1, 2, 3}));
    REQUIRE(change.has_value());
    CHECK(change->leader == BrokerId{2});
    CHECK(change->isr == ids({2}));
    CHECK_FALSE(is_unclean_election(*change));
}

TEST_CASE("a preferred election moves leadership back only to an in-sync live first replica") {
    PartitionChangeInput preferred;
    preferred.election = Election::preferred;
    const auto back = build_partition_change(TopicId{1}, 0, partition(ids({1, 2, 3}), ids({2, 1, 3}), 2), preferred,
                                             unfenced({1, 2, 3}));
    REQUIRE(back.has_value());
    CHECK(back->leader == BrokerId{1});
    CHECK_FALSE(back->isr.has_value());
    // Out of the ISR, or fenced: the current leader stays.
    CHECK_FALSE(build_partition_change(TopicId{1}, 0, partition(ids({1, 2, 3}), ids({2, 3}), 2), preferred,
                                       unfenced({1, 2, 3})));
    CHECK_FALSE(build_partition_change(TopicId{1}, 0, partition(ids({1, 2, 3}), ids({2, 1, 3}), 2), preferred,
                                       unfenced({2, 3})));
}

TEST_CASE("the balancing round elects preferred leaders and the unclean round fills leaderless partitions") {
    const auto imbalanced = image_with({1, 2, 3}, partition(ids({1, 2, 3}), ids({1, 2, 3}), 2));
    CHECK(any_imbalanced(imbalanced));
    const auto records = balance_leaders_records(imbalanced);
    REQUIRE(records.size() == 1);
    CHECK(std::get<PartitionChangeRecord>(records[0]).leader == BrokerId{1});

    const auto offline = image_with({2, 3}, partition(ids({1, 2, 3}), ids({1}), -1), false);
    CHECK(any_leaderless(offline));
    CHECK(unclean_leaders_records(offline).empty());  // the topic does not allow it
    const auto allowed = image_with({2, 3}, partition(ids({1, 2, 3}), ids({1}), -1), true);
    const auto unclean = unclean_leaders_records(allowed);
    REQUIRE(unclean.size() == 1);
    CHECK(std::get<PartitionChangeRecord>(unclean[0]).leader == BrokerId{2});
}

TEST_CASE("ElectLeaders answers ELECTION_NOT_NEEDED and PREFERRED_LEADER_NOT_AVAILABLE as Kafka does") {
    const TopicPartition tp{"t", 0};
    const auto balanced = image_with({1, 2, 3}, partition(ids({1, 2, 3}), ids({1, 2, 3}), 1));
    auto r = elect_leaders(balanced, ElectLeadersRequest{ElectionType::preferred, {tp}});
    CHECK(r.response.partitions.at(0).error == Errc::election_not_needed);
    const auto first_out = image_with({1, 2, 3}, partition(ids({1, 2, 3}), ids({2, 3}), 2));
    r = elect_leaders(first_out, ElectLeadersRequest{ElectionType::preferred, {tp}});
    CHECK(r.response.partitions.at(0).error == Errc::preferred_leader_not_available);
    CHECK(r.records.empty());
    r = elect_leaders(first_out, ElectLeadersRequest{ElectionType::preferred, {TopicPartition{"t", 7}}});
    CHECK(r.response.partitions.at(0).error == Errc::unknown_topic_or_partition);
}

TEST_CASE("a reassignment adds the new replicas first and completes when the ISR holds them") {
    // Replicas 1,2,3 led by 1 move to 4,2,3: 4 is added, 1 is being removed.
    const auto image = image_with({1, 2, 3, 4}, partition(ids({1, 2, 3}), ids({1, 2, 3}), 1));
    const TopicPartition tp{"t", 0};
    const auto started = alter_partition_reassignments(image, {{{tp, ids({4, 2, 3})}}});
    REQUIRE(started.response.partitions.at(0).error == Errc::none);
    REQUIRE(started.records.size() == 1);
    const auto& stage1 = std::get<PartitionChangeRecord>(started.records[0]);
    CHECK(stage1.replicas == ids({4, 2, 3, 1}));
    CHECK(stage1.adding_replicas == ids({4}));
    CHECK(stage1.removing_replicas == ids({1}));
    CHECK_FALSE(stage1.leader.has_value());  // every old replica is still a replica: no epoch bump yet
    auto p = metadata::merge(*image.partition(tp), stage1);
    CHECK(p.reassigning());

    // The leader adds 4 to the ISR: the reassignment completes and 1 hands over to 4, the first
    // target replica in the ISR.
    PartitionChangeInput expand;
    expand.target_isr = ids({1, 2, 3, 4});
    const auto done = build_partition_change(TopicId{1}, 0, p, expand, unfenced({1, 2, 3, 4}));
    REQUIRE(done.has_value());
    CHECK(done->replicas == ids({4, 2, 3}));
    CHECK(done->isr == ids({2, 3, 4}));
    CHECK(done->leader == BrokerId{4});
    CHECK(done->adding_replicas == std::vector<BrokerId>{});
    CHECK(done->removing_replicas == std::vector<BrokerId>{});
}

TEST_CASE("reassignment errors and cancelling follow Kafka") {
    const TopicPartition tp{"t", 0};
    const auto image = image_with({1, 2, 3}, partition(ids({1, 2, 3}), ids({1, 2, 3}), 1));
    auto r = alter_partition_reassignments(image, {{{tp, ids({1, 9})}}});
    CHECK(r.response.partitions.at(0).error == Errc::invalid_replica_assignment);
    r = alter_partition_reassignments(image, {{{tp, ids({1, 1})}}});
    CHECK(r.response.partitions.at(0).error == Errc::invalid_replica_assignment);
    r = alter_partition_reassignments(image, {{{TopicPartition{"nope", 0}, ids({1})}}});
    CHECK(r.response.partitions.at(0).error == Errc::unknown_topic_or_partition);
    r = alter_partition_reassignments(image, {{{tp, std::nullopt}}});
    CHECK(r.response.partitions.at(0).error == Errc::no_reassignment_in_progress);
    // Reordering only completes at once.
    r = alter_partition_reassignments(image, {{{tp, ids({3, 2, 1})}}});
    REQUIRE(r.records.size() == 1);
    const auto& reorder = std::get<PartitionChangeRecord>(r.records[0]);
    CHECK(reorder.replicas == ids({3, 2, 1}));
    CHECK_FALSE(reorder.adding_replicas.has_value());
    CHECK_FALSE(reorder.leader.has_value());

    // Cancelling a started move restores the original replicas, in the order Kafka's
    // PartitionReassignmentRevert leaves them (the reassignment's list without the adding ones).
    const auto moving = image_with({1, 2, 3, 4}, partition(ids({1, 2, 3}), ids({1, 2, 3}), 1));
    const auto started = alter_partition_reassignments(moving, {{{tp, ids({4, 2, 3})}}});
    const auto p = metadata::merge(*moving.partition(tp), std::get<PartitionChangeRecord>(started.records.at(0)));
    metadata::ClusterImage after = moving;
    after.apply(MetadataEntry{Offset{after.last_offset().value + 1}, started.records.at(0)});
    r = alter_partition_reassignments(after, {{{tp, std::nullopt}}});
    REQUIRE(r.response.partitions.at(0).error == Errc::none);
    const auto& cancel = std::get<PartitionChangeRecord>(r.records.at(0));
    CHECK(cancel.replicas == ids({2, 3, 1}));
    CHECK(cancel.adding_replicas == std::vector<BrokerId>{});
    CHECK(p.replicas == ids({4, 2, 3, 1}));
}

}  // TEST_SUITE
