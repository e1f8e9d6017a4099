// Records and record batches, as producers send them and logs store them (Kafka's record
// batch format v2, DefaultRecordBatch): a batch carries the base offset, the leader epoch
// of the leader that appended it, the producer id / epoch / base sequence for idempotence,
// and timestamps. A Produce request carries these structs; sim/log encodes them to bytes with
// a length and a CRC on disk (design.md: typed structs on the wire, bytes on disk), and a Fetch
// answer carries those bytes on (client_messages.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/common/ids.h"
#include "sim/proto/varint.h"

namespace kafkasim {

struct Record {
    std::optional<std::string> key;  // a null key is absent, an empty key is ""
    std::string value;
    std::int64_t timestamp_ms = 0;   // CreateTime, from the producer's clock
    auto operator<=>(const Record&) const = default;
};

struct RecordBatch {
    Offset base_offset{0};
    LeaderEpoch partition_leader_epoch{-1};
    ProducerId producer_id = no_producer_id;
    ProducerEpoch producer_epoch = no_producer_epoch;
    Sequence base_sequence = no_sequence;
    std::vector<Record> records;

    std::int32_t count() const { return static_cast<std::int32_t>(records.size()); }
    // Caller guarantees the batch is not empty.
    Offset last_offset() const { return base_offset + (count() - 1); }
    Offset next_offset() const { return base_offset + count(); }
    Sequence last_sequence() const { return Sequence{base_sequence.value + count() - 1}; }
    bool idempotent() const { return producer_id != no_producer_id; }
    std::int64_t max_timestamp_ms() const;
    // Bytes this batch takes in Kafka's v2 format (61-byte header plus each record's
    // varint-framed size, without headers): what batch.size, segment.bytes and the fetch
    // byte limits count.
    std::int64_t size_bytes() const;

    auto operator<=>(const RecordBatch&) const = default;
};

// A record's bytes after its length varint: attributes, the two deltas, key and value with
// their varint lengths (-1: a null key), and the header count 0. Inline, like
// record_size_in_batch: the batch encoder and every batch size call them once per record.
inline std::int64_t record_body_size(const Record& record, std::int64_t offset_delta, std::int64_t timestamp_delta) {
    const std::int64_t key_len = record.key ? static_cast<std::int64_t>(record.key->size()) : -1;
    const auto value_len = static_cast<std::int64_t>(record.value.size());
    return 1 + varint_size(timestamp_delta) + varint_size(offset_delta) + varint_size(key_len) +
           (key_len > 0 ? key_len : 0) + varint_size(value_len) + value_len + varint_size(0);
}

// The v2 format's fixed batch header (DefaultRecordBatch.RECORD_BATCH_OVERHEAD), and the bytes
// one record adds at `offset_delta` and `timestamp_delta` from the batch's first record: a
// producer sizes its open batch with these, one record at a time.
inline constexpr std::int64_t record_batch_overhead = 61;
inline std::int64_t record_size_in_batch(const Record& record, std::int64_t offset_delta,
                                        std::int64_t timestamp_delta) {
    const std::int64_t body = record_body_size(record, offset_delta, timestamp_delta);
    return varint_size(body) + body;
}

}  // namespace kafkasim
