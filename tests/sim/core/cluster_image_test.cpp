#include <doctest/doctest.h>

#include "engine/assert.h"
#include "sim/broker/metadata_handler.h"
#include "sim/metadata/cluster_image.h"

using namespace kafkasim;

namespace {

struct Log {
    metadata::ClusterImage image;
    std::int64_t next = 0;
    void add(MetadataRecord r) { image.apply(MetadataEntry{Offset{next++}, std::move(r)}); }
};

Log two_brokers_one_topic() {
    Log log;
    log.add(RegisterBrokerRecord{BrokerId{1}, IncarnationId{11}, BrokerEpoch{0}, kafkasim::engine::NodeId{1}});
    log.add(RegisterBrokerRecord{BrokerId{2}, IncarnationId{22}, BrokerEpoch{1}, kafkasim::engine::NodeId{2}});
    log.add(UnfenceBrokerRecord{BrokerId{1}, BrokerEpoch{0}});
    log.add(TopicRecord{"orders", TopicId{1}, LogConfig{}});
    log.add(PartitionRecord{TopicId{1}, 0, {BrokerId{1}, BrokerId{2}}, {BrokerId{1}, BrokerId{2}}, BrokerId{1},
                            LeaderEpoch{0}, PartitionEpoch{0}});
    return log;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("the image replays brokers and topics and partition changes") {
    Log log = two_brokers_one_topic();
    CHECK(log.image.last_offset() == Offset{4});
    REQUIRE(log.image.broker(BrokerId{1}) != nullptr);
    CHECK_FALSE(log.image.broker(BrokerId{1})->fenced);
    CHECK(log.image.broker(BrokerId{2})->fenced);
    const auto* p = log.image.partition({"orders", 0});
    REQUIRE(p != nullptr);
    CHECK(p->leader == BrokerId{1});
    CHECK(p->leader_epoch == LeaderEpoch{0});

    // An ISR shrink keeps the leader epoch and bumps the partition epoch.
    log.add(PartitionChangeRecord{TopicId{1}, 0, std::nullopt, std::vector<BrokerId>{BrokerId{1}}, std::nullopt});
    p = log.image.partition({"orders", 0});
    CHECK(p->leader_epoch == LeaderEpoch{0});
    CHECK(p->partition_epoch == PartitionEpoch{1});
    CHECK(p->isr == std::vector<BrokerId>{BrokerId{1}});

    // A new leader bumps both.
    log.add(PartitionChangeRecord{TopicId{1}, 0, BrokerId{2}, std::vector<BrokerId>{BrokerId{2}}, std::nullopt});
    p = log.image.partition({"orders", 0});
    CHECK(p->leader == BrokerId{2});
    CHECK(p->leader_epoch == LeaderEpoch{1});
    CHECK(p->partition_epoch == PartitionEpoch{2});
    CHECK(log.image.partition({"orders", 1}) == nullptr);
    CHECK(log.image.partition({"payments", 0}) == nullptr);
}

TEST_CASE("the image refuses records out of order or naming unknown things") {
    Log log = two_brokers_one_topic();
    CHECK_THROWS_AS(log.image.apply(MetadataEntry{Offset{2}, FenceBrokerRecord{BrokerId{1}, BrokerEpoch{0}}}),
                    kafkasim::engine::AssertionFailure);
    CHECK_THROWS_AS(log.add(FenceBrokerRecord{BrokerId{9}, BrokerEpoch{0}}), kafkasim::engine::AssertionFailure);
}

TEST_CASE("metadata answers list unfenced brokers and partitions without leaders") {
    Log log = two_brokers_one_topic();
    log.add(PartitionChangeRecord{TopicId{1}, 0, no_broker, std::nullopt, std::nullopt});
    const MetadataResponse all = broker::answer_metadata(log.image, MetadataRequest{});
    REQUIRE(all.brokers.size() == 1);
    CHECK(all.brokers[0].id == BrokerId{1});
    REQUIRE(all.topics.size() == 1);
    REQUIRE(all.topics[0].partitions.size() == 1);
    CHECK(all.topics[0].partitions[0].error == Errc::leader_not_available);
    CHECK(all.topics[0].partitions[0].leader_epoch == LeaderEpoch{1});

    const MetadataResponse some = broker::answer_metadata(log.image, MetadataRequest{{"nope", "orders"}});
    REQUIRE(some.topics.size() == 2);
    CHECK(some.topics[0].error == Errc::unknown_topic_or_partition);
    CHECK(some.topics[1].name == "orders");
}

}  // TEST_SUITE
