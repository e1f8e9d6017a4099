#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/common/crc32c.h"
#include "sim/common/errors.h"
#include "sim/proto/record_batch.h"

using namespace kafkasim;

TEST_SUITE("quick") {

TEST_CASE("crc32c matches the Castagnoli check value") {
    const std::string s = "123456789";
    const std::vector<std::uint8_t> bytes(s.begin(), s.end());
    CHECK(crc32c(bytes) == 0xe3069283u);
    // Continuing a CRC over two halves gives the CRC of the whole.
    const std::span<const std::uint8_t> all(bytes);
    CHECK(crc32c(all.subspan(4), crc32c(all.first(4))) == 0xe3069283u);
    CHECK(crc32c({}) == 0u);
}

TEST_CASE("crc32c matches the iSCSI test vectors of RFC 3720 and the bytewise definition at every length") {
    std::vector<std::uint8_t> zeros(32, 0x00);
    std::vector<std::uint8_t> ones(32, 0xff);
    std::vector<std::uint8_t> rising(32);
    for (std::size_t i = 0; i < rising.size(); ++i) rising[i] = static_cast<std::uint8_t>(i);
    CHECK(crc32c(zeros) == 0x8a9136aau);
    CHECK(crc32c(ones) == 0x62a8ab43u);
    CHECK(crc32c(rising) == 0x46dd794eu);
    // The bit-at-a-time definition, against the sliced table at lengths around the 8-byte blocks.
    auto reference = [](std::span<const std::uint8_t> b) {
        std::uint32_t crc = 0xffffffffu;
        for (std::uint8_t x : b) {
            crc ^= x;
            for (int k = 0; k < 8; ++k) crc = (crc & 1) ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        return ~crc;
    };
    std::vector<std::uint8_t> data(100);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 37 + 11);
    for (std::size_t len = 0; len <= data.size(); ++len) {
        const std::span<const std::uint8_t> part(data.data(), len);
        CHECK(crc32c(part) == reference(part));
    }
}

TEST_CASE("errors print with Kafka's names and know whether they are retriable") {
    CHECK(to_string(Errc::not_leader_or_follower) == "NOT_LEADER_OR_FOLLOWER");
    CHECK(to_string(Errc::duplicate_broker_registration) == "DUPLICATE_BROKER_REGISTRATION");
    CHECK(to_string(Errc::not_enough_replicas_after_append) == "NOT_ENOUGH_REPLICAS_AFTER_APPEND");
    CHECK(is_retriable(Errc::not_leader_or_follower));
    CHECK(is_retriable(Errc::network_exception));
    CHECK_FALSE(is_retriable(Errc::invalid_producer_epoch));
    CHECK_FALSE(is_retriable(Errc::offset_out_of_range));
}

TEST_CASE("record batch offsets and sizes") {
    RecordBatch b;
    b.base_offset = Offset{10};
    b.records = {Record{"k", "value-1", 1000}, Record{std::nullopt, "v2", 1005}, Record{"", "", 999}};
    CHECK(b.count() == 3);
    CHECK(b.last_offset() == Offset{12});
    CHECK(b.next_offset() == Offset{13});
    CHECK(b.max_timestamp_ms() == 1005);
    CHECK_FALSE(b.idempotent());
    // 61 bytes of header, and each record at least 7 bytes (length, attributes, deltas, key, value, headers).
    CHECK(b.size_bytes() > 61 + 3 * 7);
    RecordBatch bigger = b;
    bigger.records[0].value += "0123456789";
    CHECK(bigger.size_bytes() == b.size_bytes() + 10);
}

}  // TEST_SUITE
