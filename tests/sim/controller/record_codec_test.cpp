#include <doctest/doctest.h>

#include <limits>
#include <vector>

#include "sim/common/crc32c.h"
#include "sim/controller/record_codec.h"

using namespace kafkasim;
using namespace kafkasim::controller;

namespace {

// One record of every type, with values at the edges of their ranges.
std::vector<MetadataRecord> one_of_each() {
    LogConfig config;
    config.segment_bytes = 14;
    config.retention_ms = engine::Duration::ms(-1);
    config.retention_bytes = std::numeric_limits<std::int64_t>::min();
    config.flush_messages = 1;
    config.flush_ms = engine::Duration::max();
    config.min_insync_replicas = 2;
    config.unclean_leader_election_enable = true;
    return {
        RegisterBrokerRecord{BrokerId{3}, IncarnationId{0xfedcba9876543210ull}, BrokerEpoch{41}, engine::NodeId{7}},
        FenceBrokerRecord{BrokerId{3}, BrokerEpoch{41}},
        UnfenceBrokerRecord{BrokerId{std::numeric_limits<std::int32_t>::max()}, BrokerEpoch{0}},
        TopicRecord{"orders.v2_x-1", TopicId{9}, config},
        TopicRecord{"", TopicId{std::numeric_limits<std::uint64_t>::max()}, LogConfig{}},
        PartitionRecord{TopicId{9}, 4, {BrokerId{1}, BrokerId{2}, BrokerId{3}}, {BrokerId{3}}, BrokerId{3},
                        LeaderEpoch{5}, PartitionEpoch{6}},
        PartitionRecord{TopicId{9}, 0, {}, {}, no_broker, LeaderEpoch{-1}, PartitionEpoch{0}},
        PartitionChangeRecord{TopicId{9}, 4, BrokerId{2}, std::vector<BrokerId>{BrokerId{2}}, std::nullopt},
        PartitionChangeRecord{TopicId{9}, 4, no_broker, std::nullopt, std::vector<BrokerId>{}},
        PartitionChangeRecord{TopicId{9}, 1, std::nullopt, std::nullopt, std::nullopt},
        PartitionRecord{TopicId{9}, 2, {BrokerId{4}, BrokerId{1}}, {BrokerId{1}}, BrokerId{1}, LeaderEpoch{1},
                        PartitionEpoch{2}, {BrokerId{1}}, {BrokerId{4}}, LeaderRecoveryState::recovering},
        PartitionChangeRecord{TopicId{9}, 2, BrokerId{4}, std::nullopt, std::nullopt, std::vector<BrokerId>{},
                              std::vector<BrokerId>{BrokerId{4}}, LeaderRecoveryState::recovered},
        ProducerIdsRecord{BrokerId{2}, BrokerEpoch{17}, ProducerId{std::numeric_limits<std::int64_t>::max()}},
    };
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("every metadata record type survives an encode and decode round trip") {
    for (const MetadataRecord& record : one_of_each()) {
        CAPTURE(record_type_name(record));
        engine::Bytes bytes;
        encode_record(record, bytes);
        std::size_t pos = 0;
        const std::optional<MetadataRecord> back = decode_record(bytes, pos);
        REQUIRE(back.has_value());
        CHECK(*back == record);
        CHECK(pos == bytes.size());
        // Every shorter prefix is refused.
        for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
            std::size_t p = 0;
            CHECK_FALSE(decode_record(std::span<const std::uint8_t>(bytes).first(cut), p).has_value());
        }
    }
}

TEST_CASE("a batch keeps its records in order at consecutive offsets") {
    const std::vector<MetadataRecord> records = one_of_each();
    const engine::Bytes bytes = encode_batch(Offset{100}, records);
    const DecodedBatch batch = decode_batch(bytes);
    REQUIRE(batch.status == DecodeStatus::ok);
    CHECK(batch.size == bytes.size());
    REQUIRE(batch.entries.size() == records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        CHECK(batch.entries[i].offset == Offset{100 + static_cast<std::int64_t>(i)});
        CHECK(batch.entries[i].record == records[i]);
    }
    // A batch followed by more bytes decodes to the same batch and says where it ends.
    engine::Bytes two = bytes;
    const engine::Bytes next = encode_batch(Offset{111}, std::vector<MetadataRecord>{records[0]});
    two.insert(two.end(), next.begin(), next.end());
    const DecodedBatch first = decode_batch(two);
    CHECK(first.size == bytes.size());
    const DecodedBatch second = decode_batch(std::span<const std::uint8_t>(two).subspan(first.size));
    REQUIRE(second.status == DecodeStatus::ok);
    CHECK(second.entries.at(0).offset == Offset{111});
}

TEST_CASE("a torn batch is incomplete and a changed byte is caught") {
    const engine::Bytes bytes = encode_batch(Offset{0}, one_of_each());
    for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
        CAPTURE(cut);
        const DecodedBatch torn = decode_batch(std::span<const std::uint8_t>(bytes).first(cut));
        CHECK(torn.status != DecodeStatus::ok);
        CHECK(torn.entries.empty());
    }
    // Flipping any one bit anywhere never yields a batch: the length, the CRC or the body is wrong.
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        for (int bit = 0; bit < 8; bit += 3) {
            engine::Bytes bad = bytes;
            bad[i] ^= static_cast<std::uint8_t>(1u << bit);
            CAPTURE(i);
            CHECK(decode_batch(bad).status != DecodeStatus::ok);
        }
    }
    // A CRC that matches garbage is still refused when the body does not parse.
    engine::Bytes garbage = encode_batch(Offset{0}, std::vector<MetadataRecord>{FenceBrokerRecord{BrokerId{1}, BrokerEpoch{1}}});
    garbage[8 + 12] = 99;  // the record's type tag: no such type
    const std::uint32_t crc = crc32c(std::span<const std::uint8_t>(garbage).subspan(8));
    for (int k = 0; k < 4; ++k) garbage[4 + static_cast<std::size_t>(k)] = static_cast<std::uint8_t>(crc >> (8 * k));
    CHECK(decode_batch(garbage).status == DecodeStatus::corrupt);
}

}  // TEST_SUITE
