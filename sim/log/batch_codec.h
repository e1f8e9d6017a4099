// A record batch as bytes on disk: Kafka's record batch format v2 (DefaultRecordBatch, KIP-98),
// without compression or record headers, so that a batch takes exactly
// RecordBatch::size_bytes() bytes and segment.bytes and the fetch limits count what Kafka counts.
//
//   offset  field                  type
//        0  baseOffset             int64
//        8  batchLength            int32   bytes after this field
//       12  partitionLeaderEpoch   int32
//       16  magic                  int8    2
//       17  crc                    uint32  CRC-32C of every byte from attributes to the end
//       21  attributes             int16   0: no compression, CreateTime, not transactional
//       23  lastOffsetDelta        int32
//       27  baseTimestamp          int64   the first record's timestamp
//       35  maxTimestamp           int64
//       43  producerId             int64
//       51  producerEpoch          int16
//       53  baseSequence           int32
//       57  recordCount            int32
//       61  records                (DefaultRecord: a varint length, attributes int8,
//                                   timestampDelta varlong, offsetDelta varint, key and value
//                                   as a varint length (-1: null) and bytes, 0 headers)
// Integers are big-endian and varints zig-zag, as Kafka writes them. As in Kafka, the CRC does
// not cover baseOffset, batchLength or partitionLeaderEpoch; recovery checks the length, the
// CRC, and that offsets follow on (log_recovery.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "engine/disk/disk.h"
#include "sim/log/batch_header.h"
#include "sim/proto/record_batch.h"

namespace kafkasim::log {

inline constexpr std::size_t batch_header_bytes = 61;  // DefaultRecordBatch.RECORD_BATCH_OVERHEAD

enum class DecodeError : std::uint8_t {
    none,
    short_buffer,  // the bytes end inside the batch: a torn tail
    corrupt,       // a bad length, magic or CRC, or records that do not parse
};

struct DecodedBatch {
    DecodeError error = DecodeError::none;
    RecordBatch batch;      // valid when error is none
    std::size_t bytes = 0;  // the batch's encoded size, when error is none
};

// Appends the encoding of `batch` (non-empty) to `out`.
void encode_batch(const RecordBatch& batch, engine::Bytes& out);
engine::Bytes encode_batch(const RecordBatch& batch);

// Whether decoding checks the CRC: recovery must (a torn or corrupt tail); a log reading back
// the bytes it wrote from the page cache need not.
enum class CrcCheck : std::uint8_t { verify, skip };

// Decodes the batch at the start of `bytes`; bytes after it are not looked at.
DecodedBatch decode_batch(std::span<const std::uint8_t> bytes, CrcCheck crc = CrcCheck::verify);

struct DecodedHeader {
    DecodeError error = DecodeError::none;
    BatchHeader header;     // valid when error is none
    std::size_t bytes = 0;  // the batch's encoded size, when error is none
};

// The header of the batch at the start of `bytes`, which must hold the whole batch: its
// framing is checked (length, magic, attributes, record count), not its CRC or its records.
// For a batch that goes on as bytes: a follower appends what its leader's log holds.
DecodedHeader decode_batch_header(std::span<const std::uint8_t> bytes);

// A record's value as a view into the bytes of the batch that holds it, at its offset.
struct ValueAt {
    Offset offset;
    std::string_view value;
    bool operator==(const ValueAt&) const = default;
};

// Appends (offset, value) of every record of the batch at the start of `bytes`, which holds the
// whole batch, and returns the offset after its last record: what the end-of-run checkers read
// of every replica, with no copy or allocation per record. The bytes are ones a log wrote and
// reads back from its page cache (no CRC check): a batch that does not parse is a bug, asserted.
Offset append_values(std::span<const std::uint8_t> bytes, std::vector<ValueAt>& out);

}  // namespace kafkasim::log
