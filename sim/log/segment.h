// One log segment: the file "<dir>/<base offset, 20 digits>.log" and what the log knows of it
// in memory (Kafka's LogSegment). Batches go in one after another, their offsets following
// on; a segment tracks its base and next offset, its size in bytes, when it was created, the
// first batch's timestamp (segment.ms rolls by record time, LogSegment.timeWaitedForRoll) and
// the largest timestamp (retention.ms, LogSegment.largestTimestamp).
//
// Each batch's header stays in memory with its byte position in the file: that list is the
// offset index. Kafka's .index and .timeindex files are sparse caches that recovery rebuilds
// from the .log file when in doubt; here they are rebuilt from the file at every start, so no
// index file is written. The records are not kept here: reads decode them from the file's
// bytes in the page cache, as Kafka's reads mostly come from the page cache, so a record is
// held once per replica (docs/log.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/time.h"
#include "sim/log/batch_header.h"
#include "sim/proto/record_batch.h"

namespace kafkasim::log {

struct StoredBatch {
    BatchHeader header;
    std::int64_t position = 0;  // byte position in the segment file
    std::int64_t size = 0;      // encoded bytes (RecordBatch::size_bytes)
};

class Segment {
public:
    Segment(Offset base_offset, engine::Instant created);

    Offset base_offset() const { return base_offset_; }
    Offset next_offset() const { return next_offset_; }
    std::int64_t size_bytes() const { return size_bytes_; }
    bool empty() const { return batches_.empty(); }
    engine::Instant created() const { return created_; }
    const std::vector<StoredBatch>& batches() const { return batches_; }

    // The first batch's largest timestamp, if it has a non-negative one (rollingBasedTimestamp).
    std::optional<std::int64_t> first_batch_timestamp_ms() const;
    // The largest record timestamp, or -1 for an empty segment or one without timestamps.
    std::int64_t max_timestamp_ms() const { return max_timestamp_ms_; }
    // When the segment was last written in this process (Kafka's file mtime, our stand-in for
    // retention.ms when records carry no timestamp).
    engine::Instant last_modified() const { return last_modified_; }

    // Caller guarantees header.base_offset == next_offset(), a non-empty batch, and that the
    // segment file holds the batch's `size` encoded bytes at size_bytes() (before this call).
    void append(const BatchHeader& header, std::int64_t size, engine::Instant now);

    // Index of the first batch whose last offset is at or after `offset`; batches().size()
    // if there is none.
    std::size_t find(Offset offset) const;

    // Drops the batch at `index` and every later one; returns the new size in bytes (the
    // length to truncate the file to).
    std::int64_t truncate_from(std::size_t index);

private:
    Offset base_offset_;
    Offset next_offset_;
    std::int64_t size_bytes_ = 0;
    std::int64_t max_timestamp_ms_ = -1;
    engine::Instant created_;
    engine::Instant last_modified_;
    std::vector<StoredBatch> batches_;
};

}  // namespace kafkasim::log
