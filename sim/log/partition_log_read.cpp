// PartitionLog: reads (UnifiedLog.read / LocalLog.read, fetchOffsetByTimestamp). The log keeps
// only each batch's header and position (segment.h); the records come from the segment file's
// bytes in the page cache, which hold exactly what the log appended (the disk applies an
// append when it is submitted, and a refused append takes the log offline).
#include <algorithm>

#include "engine/assert.h"
#include "sim/log/batch_codec.h"
#include "sim/log/log_files.h"
#include "sim/log/partition_log.h"

namespace kafkasim::log {

engine::Block PartitionLog::stored_bytes(const std::string& file, const StoredBatch& b) const {
    engine::Result<engine::Block> bytes = disk_.read_block_now(
        engine::ReadFile{file, static_cast<std::uint64_t>(b.position), static_cast<std::uint64_t>(b.size)});
    SIM_ASSERT(bytes.ok() && bytes.value().size() == static_cast<std::size_t>(b.size),
               "a log's batches are in its segment file: nothing else writes or cuts it");
    return std::move(bytes).take();
}

std::vector<RecordBatch> PartitionLog::load(const Segment& segment, std::size_t from, std::size_t to) const {
    std::vector<RecordBatch> out;
    if (from >= to) return out;
    const std::vector<StoredBatch>& batches = segment.batches();
    SIM_ASSERT(to <= batches.size(), "load past a segment's last batch");
    const std::string file = segment_file(dir_, segment.base_offset());
    out.reserve(to - from);
    for (std::size_t i = from; i < to; ++i) {
        const StoredBatch& b = batches[i];
        // No CRC check: these are the bytes this log wrote, read back from the page cache.
        DecodedBatch d = decode_batch(stored_bytes(file, b).span(), CrcCheck::skip);
        SIM_ASSERT(d.error == DecodeError::none && d.batch.base_offset == b.header.base_offset &&
                       d.batch.count() == b.header.count,
                   "a stored batch decodes back to what was appended");
        out.push_back(std::move(d.batch));
    }
    return out;
}

PartitionLog::Selection PartitionLog::select(const ReadRequest& request, ReadResult& result) const {
    result.log_start_offset = log_start_offset_;
    result.log_end_offset = log_end_offset();
    result.high_watermark = high_watermark_;
    if (offline_) {
        result.error = Errc::kafka_storage_error;
        return {};
    }
    if (request.offset < log_start_offset_ || request.offset > result.log_end_offset) {
        result.error = Errc::offset_out_of_range;
        return {};
    }
    const Offset upper = request.isolation == FetchIsolation::high_watermark ? high_watermark_ : result.log_end_offset;
    if (request.offset >= upper) return {};
    // The segment holding the offset; if it has nothing at or past it (empty), the next one.
    for (auto it = std::prev(segments_.upper_bound(request.offset)); it != segments_.end(); ++it) {
        const std::vector<StoredBatch>& batches = it->second.batches();
        const std::size_t from = it->second.find(request.offset);
        if (from == batches.size()) continue;
        std::size_t to = from;
        std::int64_t bytes = 0;
        for (; to < batches.size() && batches[to].header.next_offset() <= upper; ++to) {
            const bool first = to == from;
            if (bytes + batches[to].size > request.max_bytes && !(first && request.min_one == MinOneBatch::yes)) break;
            bytes += batches[to].size;
        }
        return Selection{&it->second, from, to};
    }
    return {};
}

ReadResult PartitionLog::read(const ReadRequest& request) const {
    ReadResult result;
    const Selection s = select(request, result);
    if (s.segment != nullptr) result.batches = load(*s.segment, s.from, s.to);
    return result;
}

ReadResult PartitionLog::read_encoded(const ReadRequest& request) const {
    ReadResult result;
    const Selection s = select(request, result);
    if (s.segment == nullptr) return result;
    const std::string file = segment_file(dir_, s.segment->base_offset());
    result.encoded.reserve(s.to - s.from);
    for (std::size_t i = s.from; i < s.to; ++i) result.encoded.push_back(stored_bytes(file, s.segment->batches()[i]));
    return result;
}

OffsetPosition PartitionLog::offset_position(Offset offset) const {
    auto it = segments_.upper_bound(offset);
    if (it != segments_.begin()) --it;  // the segment whose base is at or below the offset
    const Segment& s = it->second;
    const std::size_t i = s.find(offset);
    return {s.base_offset(), i < s.batches().size() ? s.batches()[i].position : s.size_bytes()};
}

std::optional<TimestampOffset> PartitionLog::offset_for_timestamp(std::int64_t timestamp_ms) const {
    if (offline_) return std::nullopt;
    for (const auto& [base, segment] : segments_) {
        if (segment.max_timestamp_ms() < timestamp_ms) continue;  // the first segment that reaches it
        const std::vector<StoredBatch>& batches = segment.batches();
        for (std::size_t i = 0; i < batches.size(); ++i) {
            if (batches[i].header.max_timestamp_ms < timestamp_ms) continue;
            const RecordBatch b = std::move(load(segment, i, i + 1).front());
            for (std::int32_t r = 0; r < b.count(); ++r) {
                const Record& record = b.records[static_cast<std::size_t>(r)];
                const Offset offset = b.base_offset + r;
                if (record.timestamp_ms >= timestamp_ms && offset >= log_start_offset_)
                    return TimestampOffset{record.timestamp_ms, offset, b.partition_leader_epoch};
            }
        }
        return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace kafkasim::log
