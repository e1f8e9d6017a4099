// append_values reads what decode_batch reads: the same values at the same offsets, for
// every shape of record the codec writes.
#include <doctest/doctest.h>

#include "sim/check/batch_values.h"
#include "sim/log/batch_codec.h"

using namespace kafkasim;
using namespace kafkasim::check;

namespace {

RecordBatch batch_at(std::int64_t base, std::vector<Record> records) {
    RecordBatch b;
    b.base_offset = Offset{base};
    b.records = std::move(records);
    return b;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("append_values reads the values decode_batch reads at their offsets") {
    // Null, empty and long keys and values: lengths of one, two and three varint bytes.
    const RecordBatch batch = batch_at(1000, {Record{std::nullopt, "a", 5}, Record{std::string(), "", 6},
                                              Record{std::string(300, 'k'), std::string(200, 'v'), 4},
                                              Record{"key", std::string(20000, 'w'), -70000}});
    const engine::Bytes bytes = log::encode_batch(batch);
    const log::DecodedBatch decoded = log::decode_batch(bytes);
    REQUIRE(decoded.error == log::DecodeError::none);
    std::vector<ValueAt> got;
    CHECK(append_values(bytes, got) == Offset{1004});
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
    std::vector<ValueAt> got{ValueAt{Offset{-1}, "before"}};
    CHECK(append_values(bytes, got) == Offset{2});
    CHECK(append_values(std::span<const std::uint8_t>(bytes).subspan(first), got) == Offset{3});
    CHECK(got == std::vector<ValueAt>{{Offset{-1}, "before"}, {Offset{0}, "x"}, {Offset{1}, "y"}, {Offset{2}, "z"}});
}

}  // TEST_SUITE
