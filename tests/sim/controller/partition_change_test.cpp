#include <doctest/doctest.h>

#include <set>

#include "sim/controller/broker_fencing.h"
#include "sim/controller/partition_change.h"
#include "tests/sim/controller/partition_fixtures.h"

using namespace kafkasim;
using namespace kafkasim::controller;
using namespace kafkasim::testing;

namespace {

// A cluster of brokers 1..3 (1 and 2 unfenced) and one topic "t" with two partitions.
metadata::ClusterImage image_with_topic() {
    metadata::ClusterImage image;
    std::int64_t next = 0;
    auto add = [&](MetadataRecord r) { image.apply(MetadataEntry{Offset{next++}, std::move(r)}); };
    for (int b = 1; b <= 3; ++b) add(RegisterBrokerRecord{BrokerId{b}, IncarnationId{1}, BrokerEpoch{b - 1}, engine::NodeId{0}});
    add(UnfenceBrokerRecord{BrokerId{1}, BrokerEpoch{0}});
    add(UnfenceBrokerRecord{BrokerId{2}, BrokerEpoch{1}});
    add(TopicRecord{"t", TopicId{1}, LogConfig{}});
    add(PartitionRecord{TopicId{1}, 0, ids({1, 2, 3}), ids({1, 2}), BrokerId{1}, LeaderEpoch{0}, PartitionEpoch{0}});
    add(PartitionRecord{TopicId{1}, 1, ids({2, 1}), ids({2}), BrokerId{2}, LeaderEpoch{0}, PartitionEpoch{0}});
    return image;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("fencing a follower shrinks the ISR and keeps the leader and its epoch") {
    const auto change = build_partition_change(TopicId{1}, 0, partition(ids({1, 2, 3}), ids({1, 2, 3}), 1),
                                               PartitionChangeInput{BrokerId{3}, no_broker}, unfenced({1, 2, 3}));
    REQUIRE(change.has_value());
    CHECK_FALSE(change->leader.has_value());  // no leader change: no leader epoch bump (KAFKA-15021)
    CHECK(change->isr == ids({1, 2}));
}

TEST_CASE("fencing the leader elects the first live ISR replica in assignment order") {
    // Replica order 3, 1, 2: when 3 goes, 1 is first among the live ISR members.
    const auto change = build_partition_change(TopicId{1}, 0, partition(ids({3, 1, 2}), ids({2, 3, 1}), 3),
                                               PartitionChangeInput{BrokerId{3}, no_broker}, unfenced({1, 2, 3}));
    REQUIRE(change.has_value());
    CHECK(change->leader == BrokerId{1});
    CHECK(change->isr == ids({2, 1}));
    // A fenced ISR member is passed over.
    const auto skip = build_partition_change(TopicId{1}, 0, partition(ids({3, 1, 2}), ids({3, 1, 2}), 3),
                                             PartitionChangeInput{BrokerId{3}, no_broker}, unfenced({2, 3}));
    REQUIRE(skip.has_value());
    CHECK(skip->leader == BrokerId{2});
}

TEST_CASE("fencing the last ISR member keeps it in the ISR and leaves the partition offline") {
    const auto change = build_partition_change(TopicId{1}, 0, partition(ids({1, 2}), ids({1}), 1),
                                               PartitionChangeInput{BrokerId{1}, no_broker}, unfenced({1, 2}));
    REQUIRE(change.has_value());
    CHECK(change->leader == no_broker);
    CHECK_FALSE(change->isr.has_value());  // the ISR stays [1]: no unclean election
    // Nothing to do for a partition the broker is not in.
    CHECK_FALSE(build_partition_change(TopicId{1}, 0, partition(ids({2, 3}), ids({2, 3}), 2),
                                       PartitionChangeInput{BrokerId{1}, no_broker}, unfenced({1, 2, 3}))
                    .has_value());
}

TEST_CASE("unfencing the last ISR member of an offline partition makes it leader again") {
    const auto change = build_partition_change(TopicId{1}, 0, partition(ids({2, 1}), ids({1}), -1),
                                               PartitionChangeInput{no_broker, BrokerId{1}}, unfenced({2}));
    REQUIRE(change.has_value());
    CHECK(change->leader == BrokerId{1});
    CHECK_FALSE(change->isr.has_value());
    // A live replica outside the ISR is never elected (no unclean election).
    CHECK_FALSE(build_partition_change(TopicId{1}, 0, partition(ids({2, 1}), ids({1}), -1),
                                       PartitionChangeInput{no_broker, BrokerId{2}}, unfenced({2}))
                    .has_value());
}

TEST_CASE("fence records change every partition of the broker then fence it") {
    const metadata::ClusterImage image = image_with_topic();
    const std::vector<MetadataRecord> records = fence_broker_records(image, BrokerId{2});
    REQUIRE(records.size() == 3);
    // t-0: 2 leaves the ISR; t-1: 2 was the last member and leader, so t-1 goes offline.
    const auto& p0 = std::get<PartitionChangeRecord>(records[0]);
    CHECK(p0.partition == 0);
    CHECK(p0.isr == ids({1}));
    CHECK_FALSE(p0.leader.has_value());
    const auto& p1 = std::get<PartitionChangeRecord>(records[1]);
    CHECK(p1.partition == 1);
    CHECK(p1.leader == no_broker);
    CHECK(std::get<FenceBrokerRecord>(records[2]) == FenceBrokerRecord{BrokerId{2}, BrokerEpoch{1}});

    // Unfencing 3 elects nothing (it is in no ISR) but is recorded.
    const std::vector<MetadataRecord> unfence = unfence_broker_records(image, BrokerId{3});
    REQUIRE(unfence.size() == 1);
    CHECK(std::holds_alternative<UnfenceBrokerRecord>(unfence[0]));
}

}  // TEST_SUITE
