#include "sim/log/segment.h"

#include <algorithm>

#include "engine/assert.h"

namespace kafkasim::log {

Segment::Segment(Offset base_offset, engine::Instant created)
    : base_offset_(base_offset), next_offset_(base_offset), created_(created), last_modified_(created) {}

std::optional<std::int64_t> Segment::first_batch_timestamp_ms() const {
    if (batches_.empty()) return std::nullopt;
    const std::int64_t ts = batches_.front().header.max_timestamp_ms;
    if (ts < 0) return std::nullopt;
    return ts;
}

void Segment::append(const BatchHeader& header, std::int64_t size, engine::Instant now) {
    SIM_ASSERT(header.count > 0, "a segment stores only non-empty batches");
    SIM_ASSERT(header.base_offset == next_offset_, "a segment's batches follow on without gaps");
    SIM_ASSERT(size >= static_cast<std::int64_t>(record_batch_overhead), "a stored batch holds at least its header");
    max_timestamp_ms_ = std::max(max_timestamp_ms_, header.max_timestamp_ms);
    next_offset_ = header.next_offset();
    batches_.push_back(StoredBatch{header, size_bytes_, size});
    size_bytes_ += size;
    last_modified_ = now;
}

std::size_t Segment::find(Offset offset) const {
    const auto it = std::partition_point(batches_.begin(), batches_.end(),
                                         [&](const StoredBatch& b) { return b.header.last_offset() < offset; });
    return static_cast<std::size_t>(it - batches_.begin());
}

std::int64_t Segment::truncate_from(std::size_t index) {
    SIM_ASSERT(index <= batches_.size(), "truncate_from past the last batch");
    if (index == batches_.size()) return size_bytes_;
    size_bytes_ = batches_[index].position;
    next_offset_ = batches_[index].header.base_offset;
    batches_.erase(batches_.begin() + static_cast<std::ptrdiff_t>(index), batches_.end());
    max_timestamp_ms_ = -1;
    for (const StoredBatch& b : batches_) max_timestamp_ms_ = std::max(max_timestamp_ms_, b.header.max_timestamp_ms);
    return size_bytes_;
}

}  // namespace kafkasim::log
