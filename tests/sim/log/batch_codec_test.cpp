#include <doctest/doctest.h>

#include <limits>

#include "sim/log/batch_codec.h"
#include "tests/sim/log/log_harness.h"

using namespace kafkasim;
using namespace kafkasim::log;

namespace {

RecordBatch sample_batch() {
    RecordBatch b;
    b.base_offset = Offset{1234567890123};
    b.partition_leader_epoch = LeaderEpoch{7};
    b.producer_id = ProducerId{4242};
    b.producer_epoch = ProducerEpoch{3};
    b.base_sequence = Sequence{2147483600};
    b.records.push_back(Record{std::nullopt, "no key", 1700000000000});
    b.records.push_back(Record{std::string(), "empty key", 1699999999000});
    b.records.push_back(Record{"key", std::string(300, 'x'), 1700000005000});
    return b;
}

RecordBatch batch_at(std::int64_t base, std::vector<Record> records) {
    RecordBatch b;
    b.base_offset = Offset{base};
    b.records = std::move(records);
    return b;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a batch encodes to its Kafka v2 size and decodes back unchanged") {
    std::vector<RecordBatch> batches{sample_batch(), testing::make_batch(1), testing::make_batch(50, -5, 0)};
    batches[1].base_offset = Offset{0};
    for (const RecordBatch& b : batches) {
        const engine::Bytes bytes = encode_batch(b);
        CHECK(static_cast<std::int64_t>(bytes.size()) == b.size_bytes());
        const DecodedBatch d = decode_batch(bytes);
        REQUIRE(d.error == DecodeError::none);
        CHECK(d.bytes == bytes.size());
        CHECK(d.batch == b);
    }
}

TEST_CASE("lengths and deltas at a varint's byte boundaries encode to the counted size") {
    // Zig-zag: 63 and -64 are the last one-byte numbers, 8191 and -8192 the last two-byte ones.
    CHECK(varint_size(63) == 1);
    CHECK(varint_size(-64) == 1);
    CHECK(varint_size(64) == 2);
    CHECK(varint_size(-65) == 2);
    CHECK(varint_size(8191) == 2);
    CHECK(varint_size(8192) == 3);
    CHECK(varint_size(std::numeric_limits<std::int64_t>::max()) == 10);
    CHECK(varint_size(std::numeric_limits<std::int64_t>::min()) == 10);

    // 63 and 64 bytes, 8191 and 8192 bytes: where a zig-zag length needs one more byte; 70
    // records take the offset delta past 63, and the timestamps swing both ways past 64 ms.
    RecordBatch b;
    for (std::size_t n : {std::size_t{63}, std::size_t{64}, std::size_t{8191}, std::size_t{8192}}) {
        b.records.push_back(Record{std::string(n, 'k'), std::string(n, 'v'), 1000});
        b.records.push_back(Record{std::nullopt, std::string(n, 'v'), 1000 - 65});
        b.records.push_back(Record{std::string(n, 'k'), "", 1000 + 64});
    }
    while (b.records.size() < 70) b.records.push_back(Record{"k", "v", 1000 + 1'000'000'000'000});
    const engine::Bytes bytes = encode_batch(b);
    CHECK(static_cast<std::int64_t>(bytes.size()) == b.size_bytes());
    const DecodedBatch d = decode_batch(bytes);
    REQUIRE(d.error == DecodeError::none);
    CHECK(d.batch == b);
}

TEST_CASE("the header carries Kafka's fields at Kafka's places") {
    const engine::Bytes bytes = encode_batch(sample_batch());
    CHECK(bytes[16] == 2);  // magic
    const auto be32 = [&](std::size_t at) {
        return (std::uint32_t{bytes[at]} << 24) | (std::uint32_t{bytes[at + 1]} << 16) | (std::uint32_t{bytes[at + 2]} << 8) |
               bytes[at + 3];
    };
    CHECK(be32(8) == bytes.size() - 12);  // batchLength
    CHECK(be32(12) == 7);                 // partitionLeaderEpoch
    CHECK(be32(23) == 2);                 // lastOffsetDelta
    CHECK(be32(57) == 3);                 // recordCount
}

TEST_CASE("a batch's header reads back from its bytes alone - as the log keeps it") {
    const RecordBatch b = sample_batch();
    const engine::Bytes bytes = encode_batch(b);
    const DecodedHeader d = decode_batch_header(bytes);
    REQUIRE(d.error == DecodeError::none);
    CHECK(d.bytes == bytes.size());
    const BatchHeader want = BatchHeader::of(b);
    CHECK(d.header.base_offset == want.base_offset);
    CHECK(d.header.count == want.count);
    CHECK(d.header.partition_leader_epoch == want.partition_leader_epoch);
    CHECK(d.header.producer_id == want.producer_id);
    CHECK(d.header.producer_epoch == want.producer_epoch);
    CHECK(d.header.base_sequence == want.base_sequence);
    CHECK(d.header.max_timestamp_ms == want.max_timestamp_ms);
    for (std::size_t cut = 0; cut < bytes.size(); ++cut)
        CHECK(decode_batch_header(std::span<const std::uint8_t>(bytes).first(cut)).error == DecodeError::short_buffer);
    engine::Bytes bad_magic = bytes;
    bad_magic[16] = 1;
    CHECK(decode_batch_header(bad_magic).error == DecodeError::corrupt);
    engine::Bytes bad_count = bytes;
    bad_count[60] = 9;  // recordCount no longer lastOffsetDelta + 1
    CHECK(decode_batch_header(bad_count).error == DecodeError::corrupt);
}

TEST_CASE("a flipped byte anywhere under the CRC makes the batch corrupt") {
    const engine::Bytes good = encode_batch(sample_batch());
    // From the magic byte on: magic, the CRC itself, and everything the CRC covers.
    for (std::size_t i = 16; i < good.size(); ++i) {
        CAPTURE(i);
        engine::Bytes bad = good;
        bad[i] ^= 0x01;
        CHECK(decode_batch(bad).error == DecodeError::corrupt);
    }
}

TEST_CASE("a flipped length never decodes as a batch") {
    const engine::Bytes good = encode_batch(sample_batch());
    for (std::size_t i = 8; i < 12; ++i) {
        for (std::uint8_t bit : {0x01, 0x80}) {
            engine::Bytes bad = good;
            bad[i] ^= bit;
            CHECK(decode_batch(bad).error != DecodeError::none);
        }
    }
}

TEST_CASE("a buffer cut short anywhere decodes as short") {
    const engine::Bytes good = encode_batch(sample_batch());
    for (std::size_t n = 0; n < good.size(); ++n) {
        CAPTURE(n);
        CHECK(decode_batch(std::span<const std::uint8_t>(good).first(n)).error == DecodeError::short_buffer);
    }
}

TEST_CASE("batches back to back decode one at a time") {
    RecordBatch a = testing::make_batch(2);
    RecordBatch b = testing::make_batch(3, 99);
    b.base_offset = Offset{2};
    engine::Bytes bytes;
    encode_batch(a, bytes);
    encode_batch(b, bytes);
    const DecodedBatch first = decode_batch(bytes);
    REQUIRE(first.error == DecodeError::none);
    CHECK(first.batch == a);
    const DecodedBatch second = decode_batch(std::span<const std::uint8_t>(bytes).subspan(first.bytes));
    REQUIRE(second.error == DecodeError::none);
    CHECK(second.batch == b);
    CHECK(first.bytes + second.bytes == bytes.size());
}

// append_values reads what decode_batch reads: the same values at the same offsets, for every
// shape of record the codec writes.
TEST_CASE("append_values reads the values decode_batch reads at their offsets") {
    // Null, empty and long keys and values: lengths of one, two and three varint bytes.
    const RecordBatch batch = batch_at(1000, {Record{std::nullopt, "a", 5}, Record{std::string(), "", 6},
                                              Record{std::string(300, 'k'), std::string(200, 'v'), 4},
                                              Record{"key", std::string(20000, 'w'), -70000}});
    const engine::Bytes bytes = log::encode_batch(batch);
    const log::DecodedBatch decoded = log::decode_batch(bytes);
    REQUIRE(decoded.error == log::DecodeError::none);
    std::vector<log::ValueAt> got;
    CHECK(log::append_values(bytes, got) == Offset{1004});
    REQUIRE(got.size() == decoded.batch.records.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        CHECK(got[i].offset == Offset{1000 + static_cast<std::int64_t>(i)});
        CHECK(got[i].value == decoded.batch.records[i].value);
    }
}

TEST_CASE("append_values reads one batch of several and appends after what it holds") {
    engine::Bytes bytes = log::encode_batch(batch_at(0, {Record{std::nullopt, "x", 0}, Record{std::nullopt, "y", 0}}));
    const std::size_t first = bytes.size();
    log::encode_batch(batch_at(2, {Record{std::nullopt, "z", 0}}), bytes);
    std::vector<log::ValueAt> got{log::ValueAt{Offset{-1}, "before"}};
    CHECK(log::append_values(bytes, got) == Offset{2});
    CHECK(log::append_values(std::span<const std::uint8_t>(bytes).subspan(first), got) == Offset{3});
    CHECK(got == std::vector<log::ValueAt>{{Offset{-1}, "before"}, {Offset{0}, "x"}, {Offset{1}, "y"}, {Offset{2}, "z"}});
}

}  // TEST_SUITE
