// The uniform sticky partitioner (KIP-794), RoundRobinPartitioner (Kafka 4.0), the custom
// "field" and "map" partitioners and KafkaProducer.partition()'s order, on seeded streams.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "engine/random.h"
#include "sim/producer/murmur2.h"
#include "sim/producer/partitioner.h"
#include "sim/producer/round_robin_partitioner.h"
#include "sim/producer/sticky_partitioner.h"

namespace {

using namespace kafkasim::producer;
using kafkasim::engine::Random;

TopicPartitions all_led(std::int32_t count) {
    TopicPartitions p{count, {}};
    for (std::int32_t i = 0; i < count; ++i) p.with_leader.push_back(i);
    return p;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("sticky partitioner switches only after batch.size bytes") {
    Random random = Random::from_seed(7);
    StickyPartitioner sticky(random, 1000);
    const TopicPartitions parts = all_led(1000);
    int switches = 0;
    for (int batch = 0; batch < 50; ++batch) {
        const std::int32_t first = sticky.partition("t", parts);
        // 9 records of 100 bytes: 900 < 1000, no switch yet.
        for (int i = 0; i < 9; ++i) {
            CHECK(sticky.partition("t", parts) == first);
            sticky.record_appended("t", parts, 100);
        }
        CHECK(sticky.partition("t", parts) == first);
        sticky.record_appended("t", parts, 100);  // 1000 bytes: switch
        switches += sticky.partition("t", parts) != first ? 1 : 0;
    }
    // Among 1000 partitions a redraw lands on the same one about once in 1000 draws.
    CHECK(switches >= 48);
}

TEST_CASE("sticky partitioner spreads uniformly over many switches") {
    Random random = Random::from_seed(42);
    StickyPartitioner sticky(random, 1);
    const TopicPartitions parts = all_led(4);
    std::map<std::int32_t, int> counts;
    const int draws = 40000;
    for (int i = 0; i < draws; ++i) {
        ++counts[sticky.partition("t", parts)];
        sticky.record_appended("t", parts, 1);
    }
    REQUIRE(counts.size() == 4);
    for (const auto& [partition, n] : counts) {
        CAPTURE(partition);
        CHECK(n > 9500);
        CHECK(n < 10500);
    }
}

TEST_CASE("sticky partitioner uses only partitions with a leader when some have one") {
    Random random = Random::from_seed(3);
    StickyPartitioner sticky(random, 1);
    const TopicPartitions parts{6, {1, 4}};
    std::set<std::int32_t> seen;
    for (int i = 0; i < 500; ++i) {
        seen.insert(sticky.partition("t", parts));
        sticky.record_appended("t", parts, 1);
    }
    CHECK(seen == std::set<std::int32_t>{1, 4});
    const TopicPartitions leaderless{3, {}};
    std::set<std::int32_t> any;
    for (int i = 0; i < 500; ++i) {
        any.insert(sticky.partition("u", leaderless));
        sticky.record_appended("u", leaderless, 1);
    }
    CHECK(any == std::set<std::int32_t>{0, 1, 2});
}

TEST_CASE("sticky partitioner gives the same partitions for the same seed") {
    auto run = [](std::uint64_t seed) {
        Random random = Random::from_seed(seed);
        StickyPartitioner sticky(random, 10);
        const TopicPartitions parts = all_led(100);
        std::vector<std::int32_t> out;
        for (int i = 0; i < 100; ++i) {
            out.push_back(sticky.partition("t", parts));
            sticky.record_appended("t", parts, 5);
        }
        return out;
    };
    CHECK(run(11) == run(11));
    CHECK(run(11) != run(12));
}

TEST_CASE("round robin cycles over available partitions") {
    RoundRobinPartitioner rr;
    const TopicPartitions parts = all_led(3);
    std::map<std::int32_t, int> counts;
    std::vector<std::int32_t> order;
    for (int i = 0; i < 30; ++i) {
        const std::int32_t p = rr.partition("t", parts);
        ++counts[p];
        if (i < 4) order.push_back(p);
    }
    CHECK(order == std::vector<std::int32_t>{0, 1, 2, 0});
    CHECK(counts == std::map<std::int32_t, int>{{0, 10}, {1, 10}, {2, 10}});
    const TopicPartitions some{4, {1, 3}};
    std::vector<std::int32_t> other;
    for (int i = 0; i < 4; ++i) other.push_back(rr.partition("u", some));
    CHECK(other == std::vector<std::int32_t>{1, 3, 1, 3});
    const TopicPartitions none{2, {}};
    CHECK(rr.partition("v", none) == 0);
    CHECK(rr.partition("v", none) == 1);
}

TEST_CASE("explicit partition then key hash then sticky") {
    Random random = Random::from_seed(5);
    Partitioner partitioner(PartitionerConfig{}, random);
    const TopicPartitions parts = all_led(10);
    const auto explicit_choice = partitioner.partition("t", {7, std::string("foobar"), {}}, parts);
    CHECK(explicit_choice.partition == 7);
    CHECK(explicit_choice.source == PartitionSource::explicit_partition);
    const auto keyed = partitioner.partition("t", {std::nullopt, std::string("foobar"), {}}, parts);
    CHECK(keyed.partition == 6);  // Kafka vector: foobar over 10 partitions
    CHECK(keyed.source == PartitionSource::key_hash);
    const auto unkeyed = partitioner.partition("t", {std::nullopt, std::nullopt, {}}, parts);
    CHECK(unkeyed.source == PartitionSource::sticky);
    CHECK(partitioner.partition("t", {12, std::nullopt, {}}, parts).invalid);
}

TEST_CASE("ignore.keys makes keyed records sticky") {
    Random random = Random::from_seed(9);
    PartitionerConfig config;
    config.ignore_keys = IgnoreKeys::yes;
    config.batch_size = 100;
    Partitioner partitioner(config, random);
    const TopicPartitions parts = all_led(1000);
    std::set<std::int32_t> seen;
    for (int i = 0; i < 10; ++i) {
        const std::string key = "key-" + std::to_string(i);
        const ProducerRecordView record{std::nullopt, key, nullptr};
        const auto choice = partitioner.partition("t", record, parts);
        CHECK(choice.source == PartitionSource::sticky);
        seen.insert(choice.partition);
        partitioner.record_appended("t", choice, parts, 10);
    }
    CHECK(seen.size() == 1);  // ten keys, 100 bytes: one partition
}

TEST_CASE("field partitioner hashes the named field") {
    Random random = Random::from_seed(1);
    PartitionerConfig config;
    config.custom = FieldPartitioner{"user"};
    Partitioner partitioner(config, random);
    const TopicPartitions parts = all_led(10);
    const PayloadFields fields{{"user", "foobar"}, {"x", "21"}};
    const ProducerRecordView record{std::nullopt, "ignored", &fields};
    const auto choice = partitioner.partition("t", record, parts);
    CHECK(choice.source == PartitionSource::custom);
    CHECK(choice.partition == 6);
    const ProducerRecordView missing{std::nullopt, std::nullopt, nullptr};
    CHECK(partitioner.partition("t", missing, parts).partition == partition_for_key("", 10));
}

TEST_CASE("map partitioner maps keys and sends the rest to its default") {
    Random random = Random::from_seed(1);
    PartitionerConfig config;
    config.custom = MapPartitioner{{{"gold", 2}, {"silver", 1}, {"bad", 9}}, 0};
    Partitioner partitioner(config, random);
    const TopicPartitions parts = all_led(3);
    CHECK(partitioner.partition("t", {std::nullopt, std::string("gold"), {}}, parts).partition == 2);
    CHECK(partitioner.partition("t", {std::nullopt, std::string("silver"), {}}, parts).partition == 1);
    CHECK(partitioner.partition("t", {std::nullopt, std::string("other"), {}}, parts).partition == 0);
    CHECK(partitioner.partition("t", {std::nullopt, std::nullopt, {}}, parts).partition == 0);
    CHECK(partitioner.partition("t", {std::nullopt, std::string("bad"), {}}, parts).invalid);
}

TEST_CASE("roundrobin as partitioner.class ignores keys") {
    Random random = Random::from_seed(1);
    PartitionerConfig config;
    config.custom = RoundRobin{};
    Partitioner partitioner(config, random);
    const TopicPartitions parts = all_led(3);
    std::vector<std::int32_t> got;
    for (int i = 0; i < 4; ++i)
        got.push_back(partitioner.partition("t", {std::nullopt, std::string("same"), {}}, parts).partition);
    CHECK(got == std::vector<std::int32_t>{0, 1, 2, 0});
}

}  // TEST_SUITE
