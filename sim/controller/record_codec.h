// The bytes of the controller's metadata log. KRaft writes __cluster_metadata as Kafka record
// batches whose records are the metadata records' own binary form (the generated
// `*Record.java` classes of `metadata/src/main/resources/common/metadata/`); kafkasim uses a
// compact encoding of its own with the same two properties recovery needs: a batch is framed by
// a length and a CRC-32C, so a torn or corrupt tail is found, and a batch is atomic, as
// KRaft's `ControllerResult.atomicOf` batches are: recovery keeps all of it or none.
//
// Encoding (little-endian, every integer of fixed width):
//   batch    := length:u32  crc:u32  body       length = size of body, crc = CRC-32C of body
//   body     := base_offset:i64  count:u32  record*count   (record i has offset base_offset + i)
//   record   := type:u8  fields, where type is KRaft's metadata record type id:
//      0 RegisterBrokerRecord   broker:i32 incarnation:u64 epoch:i64 node:u32
//      2 TopicRecord            name:str id:u64 config
//      3 PartitionRecord        topic:u64 partition:i32 replicas:ids isr:ids leader:i32
//                               leader_epoch:i32 partition_epoch:i32
//      5 PartitionChangeRecord  topic:u64 partition:i32 leader:opt(i32) isr:opt(ids) replicas:opt(ids)
//      7 FenceBrokerRecord      broker:i32 epoch:i64
//      8 UnfenceBrokerRecord    broker:i32 epoch:i64
//     15 ProducerIdsRecord      broker:i32 broker_epoch:i64 next_producer_id:i64
//   config   := segment_bytes:i64 segment_us:i64 retention_us:i64 retention_bytes:i64
//               flush_messages:i64 flush_us:i64 min_insync_replicas:i32 unclean:u8
//   ids      := count:u32 i32*count
//   opt(x)   := 0:u8 | 1:u8 x
//   str      := length:u32 bytes
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "engine/disk/disk.h"
#include "sim/proto/metadata_records.h"

namespace kafkasim::controller {

// Appends the encoding of `record` (type and fields, unframed) to `out`.
void encode_record(const MetadataRecord& record, engine::Bytes& out);

// Decodes one record starting at `pos` and moves `pos` past it; nullopt (and `pos` unspecified)
// if the bytes end early or do not hold a record.
std::optional<MetadataRecord> decode_record(std::span<const std::uint8_t> bytes, std::size_t& pos);

// One framed batch holding `records` at offsets base, base + 1, …; `records` is not empty.
engine::Bytes encode_batch(Offset base, std::span<const MetadataRecord> records);

enum class DecodeStatus : std::uint8_t {
    ok,          // a whole batch whose CRC matches
    incomplete,  // the bytes end inside the frame: a torn write
    corrupt,     // the frame is whole but its CRC or contents are wrong
};

struct DecodedBatch {
    DecodeStatus status = DecodeStatus::incomplete;
    std::vector<MetadataEntry> entries;  // only when ok
    std::size_t size = 0;                // bytes of the frame, when ok
};

// Decodes the batch at the start of `bytes`.
DecodedBatch decode_batch(std::span<const std::uint8_t> bytes);

}  // namespace kafkasim::controller
