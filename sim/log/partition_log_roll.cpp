// PartitionLog: rolling segments, retention and truncation (UnifiedLog.maybeRoll / roll,
// deleteOldSegments / deletableSegments, truncateTo, truncateFullyAndStartAt; LocalLog).
//
// Files are changed in an order that keeps every state a power loss can leave a valid log,
// because the disk makes operations durable in submission order: retention removes the oldest
// segment first (what is left is a suffix of the log), truncation removes the newest first
// (what is left is a prefix), and a full truncation removes every old segment before it creates
// the new one (Kafka's LocalLog creates first; a crash between would leave a gap here).
#include <algorithm>
#include <limits>

#include "engine/assert.h"
#include "sim/log/log_files.h"
#include "sim/log/partition_log.h"

namespace kafkasim::log {

const char* PartitionLog::roll_reason(const BatchHeader& batch, std::int64_t size) const {
    // LogSegment.shouldRoll; an empty segment never rolls (an oversized batch gets it alone).
    const Segment& segment = active();
    if (segment.empty()) return nullptr;
    if (segment.size_bytes() > options_.config.segment_bytes - size) return "segment.bytes";
    // timeWaitedForRoll: by record time from the first batch, or by clock without timestamps.
    const std::optional<std::int64_t> first = segment.first_batch_timestamp_ms();
    const std::int64_t waited_ms = first ? batch.max_timestamp_ms - *first : (node_.now() - segment.created()).count_ms();
    if (waited_ms > options_.config.segment_ms.count_ms()) return "segment.ms";
    return nullptr;
}

void PartitionLog::roll(std::string_view reason) {
    const Offset base = log_end_offset();
    const Segment& rolled = active();
    SIM_ASSERT(base > rolled.base_offset(), "a roll leaves behind a segment with at least one batch");
    trace("log.roll", {{"base_offset", base.value},
                       {"rolled_base_offset", rolled.base_offset().value},
                       {"rolled_bytes", rolled.size_bytes()},
                       {"reason", reason}});
    segments_.emplace(base, Segment(base, node_.now()));
    disk_.create(segment_file(dir_, base), must_succeed());
    flush_to(base, "roll", {});
}

std::size_t PartitionLog::delete_old_segments() {
    if (offline_) return 0;
    std::size_t deleted = 0;
    const LogConfig& c = options_.config;
    const std::int64_t size = size_bytes();
    if (c.retention_bytes >= 0 && size >= c.retention_bytes) {
        std::int64_t excess = size - c.retention_bytes;
        deleted += delete_segments_while(
            [&](const Segment& s) {
                if (excess - s.size_bytes() < 0) return false;
                excess -= s.size_bytes();
                return true;
            },
            "retention.bytes");
    }
    if (c.retention_ms >= engine::Duration::zero()) {
        const std::int64_t now_ms = node_.now().ms();
        deleted += delete_segments_while(
            [&](const Segment& s) {
                // LogSegment.largestTimestamp: the records' time, else the file's last write.
                const std::int64_t largest = s.max_timestamp_ms() >= 0 ? s.max_timestamp_ms() : s.last_modified().ms();
                return now_ms - largest > c.retention_ms.count_ms();
            },
            "retention.ms");
    }
    return deleted;
}

std::size_t PartitionLog::delete_segments_while(const std::function<bool(const Segment&)>& deletable,
                                                std::string_view reason) {
    // deletableSegments: oldest first while deletable, never past the high watermark, never
    // an empty last segment.
    std::size_t count = 0;
    for (auto it = segments_.begin(); it != segments_.end(); ++it) {
        const auto next = std::next(it);
        const Offset upper = next == segments_.end() ? log_end_offset() : next->first;
        if (high_watermark_ < upper || (next == segments_.end() && it->second.empty()) || !deletable(it->second)) break;
        ++count;
    }
    if (count == 0) return 0;
    // There is always an active segment: when every segment goes, roll a new one first.
    if (count == segments_.size()) roll("retention");
    std::int64_t bytes = 0;
    for (std::size_t i = 0; i < count; ++i) {
        auto first = segments_.begin();
        bytes += first->second.size_bytes();
        disk_.remove(segment_file(dir_, first->first), must_succeed());
        segments_.erase(first);
    }
    log_start_offset_ = std::max(log_start_offset_, segments_.begin()->first);
    recovery_point_ = std::max(recovery_point_, log_start_offset_);
    trace("log.retention", {{"reason", reason},
                            {"segments", static_cast<std::uint64_t>(count)},
                            {"bytes", bytes},
                            {"log_start_offset", log_start_offset_.value}});
    truncate_epochs_from_start();
    return count;
}

bool PartitionLog::truncate_to(Offset offset) {
    SIM_ASSERT(offset.value >= 0, "a log cannot be truncated to a negative offset");
    if (offline_) return false;
    if (offset >= log_end_offset()) {
        truncate_epochs_from_end();
        return false;
    }
    if (offset < segments_.begin()->first) {
        truncate_fully_and_start_at(offset);
        return true;
    }
    const Offset before = log_end_offset();
    const auto holder = std::prev(segments_.upper_bound(offset));
    const std::size_t removed = static_cast<std::size_t>(std::distance(std::next(holder), segments_.end()));
    remove_segment_files_newest_first(std::next(holder));
    Segment& segment = holder->second;
    const std::int64_t length = segment.truncate_from(segment.find(offset));
    disk_.truncate(segment_file(dir_, segment.base_offset()), static_cast<std::uint64_t>(length), must_succeed());
    log_start_offset_ = std::min(log_start_offset_, log_end_offset());
    rebuild_producer_state();
    after_truncation();
    trace("log.truncate", {{"mode", "to"},
                           {"offset", offset.value},
                           {"previous_log_end_offset", before.value},
                           {"log_end_offset", log_end_offset().value},
                           {"removed_segments", static_cast<std::uint64_t>(removed)}});
    truncate_epochs_from_end();
    return true;
}

void PartitionLog::truncate_fully_and_start_at(Offset offset) {
    SIM_ASSERT(offset.value >= 0, "a log cannot start at a negative offset");
    if (offline_) return;
    const Offset before = log_end_offset();
    const std::size_t removed = segments_.size();
    remove_segment_files_newest_first(segments_.begin());
    segments_.emplace(offset, Segment(offset, node_.now()));
    disk_.create(segment_file(dir_, offset), must_succeed());
    log_start_offset_ = offset;
    producers_.clear();
    after_truncation();
    trace("log.truncate", {{"mode", "fully"},
                           {"offset", offset.value},
                           {"previous_log_end_offset", before.value},
                           {"log_end_offset", log_end_offset().value},
                           {"removed_segments", static_cast<std::uint64_t>(removed)}});
    clear_epochs();
}

void PartitionLog::remove_segment_files_newest_first(std::map<Offset, Segment>::iterator from) {
    while (from != segments_.end()) {
        const auto last = std::prev(segments_.end());
        disk_.remove(segment_file(dir_, last->first), must_succeed());
        const bool was_from = last == from;
        segments_.erase(last);
        if (was_from) break;
    }
}

void PartitionLog::delete_files() {
    // Checkpoints included: a replica placed here again later starts from nothing.
    for (const std::string& name : disk_.list_now())
        if (name.starts_with(dir_)) disk_.remove(name, [](engine::DiskStatus) {});
    offline_ = true;
}

}  // namespace kafkasim::log
