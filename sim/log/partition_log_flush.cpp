// PartitionLog: flushes, the recovery point and its checkpoint, and the log's periodic tasks
// (UnifiedLog.flush / LocalLog.markFlushed; LogManager's flushDirtyLogs, cleanupLogs and
// checkpointLogRecoveryOffsets, run here per log on the node's timers).
#include <algorithm>

#include "engine/assert.h"
#include "sim/log/log_files.h"
#include "sim/log/offset_checkpoint.h"
#include "sim/log/partition_log.h"

namespace kafkasim::log {

namespace {

// Kafka spells "never" as Long.MAX_VALUE milliseconds; anything past a century is never here.
bool is_never(engine::Duration d) { return d >= engine::Duration::s(std::int64_t{100} * 365 * 24 * 3600); }

}  // namespace

void PartitionLog::flush(engine::StatusDone done) { flush_to(log_end_offset(), "flush", std::move(done)); }

void PartitionLog::flush_to(Offset target, const char* reason, engine::StatusDone then) {
    flushes_.push_back(target);
    flush_requested_to_ = std::max(flush_requested_to_, target);
    last_flush_ = node_.now();
    // fsync of the log's segments (LogSegment.flush), not of the whole disk.
    std::vector<std::string> files;
    for (const auto& [base, segment] : segments_) files.push_back(segment_file(dir_, base));
    disk_.sync(std::move(files), guarded([this, reason, then = std::move(then)](engine::DiskStatus s) {
        SIM_ASSERT(!flushes_.empty(), "every sync completion matches a flush submitted by this log");
        const Offset flushed = flushes_.front();
        flushes_.pop_front();
        if (s == engine::DiskStatus::ok) mark_flushed(flushed, reason);
        if (then) then(s);
    }));
}

void PartitionLog::mark_flushed(Offset target, const char* reason) {
    if (target <= recovery_point_) return;
    recovery_point_ = target;
    trace("log.flush", {{"reason", reason}, {"recovery_point", recovery_point_.value}});
}

void PartitionLog::maybe_flush_after_append(const std::shared_ptr<PendingAppend>& pending) {
    const Offset end = log_end_offset();
    if (end - flush_requested_to_ < options_.config.flush_messages) {
        arm_flush_timer();
        return;
    }
    // UnifiedLog.append flushes before it returns: the append's answer waits for the sync.
    pending->after_flush = true;
    flush_to(end, "flush.messages", [pending](engine::DiskStatus s) {
        if (!pending->done) return;
        pending->done(s == engine::DiskStatus::ok ? pending->result : Errc::kafka_storage_error);
    });
}

void PartitionLog::arm_flush_timer() {
    const engine::Duration flush_ms = options_.config.flush_ms;
    if (flush_timer_armed_ || is_never(flush_ms) || log_end_offset() <= flush_requested_to_) return;
    const engine::Instant due = last_flush_ + flush_ms;
    const engine::Instant now = node_.now();
    flush_timer_armed_ = true;
    node_.set_timer(due > now ? due - now : engine::Duration::zero(), guarded([this] {
        flush_timer_armed_ = false;
        on_flush_timer();
    }));
}

void PartitionLog::on_flush_timer() {
    if (offline_ || log_end_offset() <= flush_requested_to_) return;
    if (node_.now() - last_flush_ >= options_.config.flush_ms) {
        flush_to(log_end_offset(), "flush.ms", {});
    } else {
        arm_flush_timer();
    }
}

void PartitionLog::after_truncation() {
    const Offset end = log_end_offset();
    high_watermark_ = std::clamp(high_watermark_, log_start_offset_, end);
    recovery_point_ = std::clamp(recovery_point_, log_start_offset_, end);
    flush_requested_to_ = std::clamp(flush_requested_to_, log_start_offset_, end);
    // A flush still in flight covers only what is left below the truncation point.
    for (Offset& target : flushes_) target = std::min(target, end);
    // The checkpoint may name a point above the new log end: delete it before anything else is
    // written, then write the lowered point (LogManager.truncateTo checkpoints at once too).
    checkpoint_.discard();
    checkpointed_.reset();
    checkpoint_recovery_point({});
}

void PartitionLog::checkpoint_recovery_point(engine::StatusDone done) {
    const Offset point = recovery_point_;
    checkpoint_.write(encode_offset_checkpoint({{options_.partition, point}}),
                      guarded([this, point, done = std::move(done)](engine::DiskStatus s) {
                          if (s == engine::DiskStatus::ok) {
                              checkpointed_ = point;
                              trace("log.checkpoint", {{"recovery_point", point.value}});
                          } else {
                              go_offline(checkpoint_.name(), s);
                          }
                          if (done) done(s);
                      }));
}

void PartitionLog::schedule_retention_check() {
    if (is_never(options_.retention_check_interval)) return;
    node_.set_timer(options_.retention_check_interval, guarded([this] {
        delete_old_segments();
        schedule_retention_check();
    }));
}

void PartitionLog::schedule_checkpoint() {
    if (is_never(options_.recovery_point_checkpoint_interval)) return;
    node_.set_timer(options_.recovery_point_checkpoint_interval, guarded([this] {
        // Kafka rewrites the file every interval; an unchanged point needs no write (and no sync).
        if (!offline_ && checkpointed_ != recovery_point_) checkpoint_recovery_point({});
        schedule_checkpoint();
    }));
}

}  // namespace kafkasim::log
