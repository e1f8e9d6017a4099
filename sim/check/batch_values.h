// The values of one encoded record batch as views into its bytes, with their offsets: all the
// checkers read of a log, without decoding each record into strings (a copy and an allocation
// per record, the larger part of reading every replica after a run). The bytes are in
// sim/log/batch_codec.h's format, Kafka's record batch v2 (DefaultRecordBatch /
// DefaultRecord); a test holds this reader to decode_batch so that the two cannot drift.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "sim/common/ids.h"

namespace kafkasim::check {

struct ValueAt {
    Offset offset;
    std::string_view value;
    bool operator==(const ValueAt&) const = default;
};

// Appends (offset, value) of every record of the batch at the start of `batch`, which holds the
// whole batch; returns the offset after its last record. The bytes are ones a log wrote and
// reads back from its page cache: a batch that does not parse is a bug, asserted.
Offset append_values(std::span<const std::uint8_t> batch, std::vector<ValueAt>& out);

}  // namespace kafkasim::check
