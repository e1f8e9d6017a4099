// PartitionLog: the log of one partition replica on its node's disk (Kafka's UnifiedLog over
// LocalLog and LogSegment, with the per-log duties of LogManager: retention checks, flushes and
// the recovery-point checkpoint). Files live under "<topic>-<partition>/" (log_files.h).
//
// How appends complete. An append is checked, given its offsets, applied to the in-memory log
// and submitted to the disk within the call; the disk applies it to the page cache at once
// (engine/disk/disk.h), so reads, and a process restarted after a crash, see it. The call
// returns what happened (AppendResult). Only for an appended batch, `done` runs later, once:
// with NONE when the write completed (Kafka's append returns once the bytes are in the page
// cache), or KAFKA_STORAGE_ERROR. When the append makes the log flush (flush.messages), `done`
// waits for that sync, as Kafka's append returns only after its flush. A write the disk
// refuses (a full disk) is known within the call, because the disk applies operations when
// they are submitted: the append is rejected with KAFKA_STORAGE_ERROR, nothing of it is kept,
// and the log goes offline (Kafka's LogDirFailureChannel): every later append and read fails
// with KAFKA_STORAGE_ERROR until the process restarts and recovers from the files.
//
// Durability. Nothing forces a write to stable storage but: a roll (the rolled segment is
// flushed, as UnifiedLog.roll schedules), flush.messages and flush.ms, and flush(). A flush is
// a disk sync; when it completes the recovery point moves to the log end offset the flush
// covered (offsets below it are known durable). The recovery point is written to
// "recovery-point-offset-checkpoint" (temp file, sync, rename, sync) every
// log.flush.offset.checkpoint.interval.ms when it changed. Otherwise the OS writes back.
//
// The high watermark lives here as in UnifiedLog, but the log never moves it forward by
// itself: the broker sets it (update_high_watermark / maybe_increment_high_watermark), and
// at start from its replication-offset-checkpoint (initial_high_watermark).
// Retention only deletes segments wholly below it, so a broker that never sets it keeps
// everything. Callbacks and timers are dropped if the log is destroyed first.
//
// Leader epochs (KIP-101). The log keeps its replica's leader-epoch cache (leader_epoch_cache.h)
// as UnifiedLog does: every appended batch assigns (its epoch, its base offset), truncation
// drops the entries past the new end, retention moves the first entry up to the new log start,
// and the broker assigns (new epoch, log end) when it becomes leader. Each change rewrites
// "<dir>/leader-epoch-checkpoint" (through a CheckpointWriter; a change that drops entries
// deletes the old file first), and recovery reconciles that file with the recovered batches
// (leader_epoch_recovery.h).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/disk/disk.h"
#include "engine/node.h"
#include "sim/common/errors.h"
#include "sim/common/log_config.h"
#include "sim/log/checkpoint_writer.h"
#include "sim/log/leader_epoch_cache.h"
#include "sim/log/log_recovery.h"
#include "sim/log/producer_state.h"
#include "sim/log/segment.h"

namespace kafkasim::log {

struct PartitionLogOptions {
    TopicPartition partition;  // the log's directory is "<topic>-<partition>/"
    LogConfig config;          // segment.*, retention.*, flush.*
    engine::Duration retention_check_interval = engine::Duration::ms(300000);  // log.retention.check.interval.ms; max(): never
    engine::Duration recovery_point_checkpoint_interval = engine::Duration::ms(60000);  // log.flush.offset.checkpoint.interval.ms; max(): never
    std::function<void()> on_offline;  // the log went offline after a storage error; runs from a timer (may be empty)
    std::optional<Offset> initial_high_watermark;  // from replication-offset-checkpoint; none: the log start
};

enum class AppendOutcome : std::uint8_t {
    appended,   // in the log at first_offset..last_offset; `done` will run
    duplicate,  // an idempotent retry: already in the log at first_offset..last_offset
    rejected,   // not appended: see error
};

struct AppendResult {
    AppendOutcome outcome = AppendOutcome::rejected;
    Errc error = Errc::none;
    Offset first_offset{-1};
    Offset last_offset{-1};
};

using AppendDone = std::function<void(Errc)>;

enum class FetchIsolation : std::uint8_t {
    log_end,         // a follower's fetch: up to the log end offset
    high_watermark,  // a consumer's fetch: only below the high watermark
};

enum class MinOneBatch : std::uint8_t { no, yes };

struct ReadRequest {
    Offset offset;                                       // the fetch offset
    std::int64_t max_bytes = 1048576;                    // max.partition.fetch.bytes
    FetchIsolation isolation = FetchIsolation::high_watermark;
    MinOneBatch min_one = MinOneBatch::yes;              // the first batch even if larger than max_bytes
};

struct ReadResult {
    Errc error = Errc::none;  // OFFSET_OUT_OF_RANGE, KAFKA_STORAGE_ERROR
    std::vector<RecordBatch> batches;     // read()
    std::vector<engine::Block> encoded;   // read_encoded(): the same batches, one block each
    Offset log_start_offset;
    Offset log_end_offset;
    Offset high_watermark;
};

// An offset's place in the log (PartitionLog::offset_position).
struct OffsetPosition {
    Offset segment_base;
    std::int64_t position = 0;  // bytes into that segment
};

// A ListOffsets answer for a timestamp.
struct TimestampOffset {
    std::int64_t timestamp_ms = -1;
    Offset offset{-1};
    LeaderEpoch leader_epoch;
};

// What the log found in its files when it started (the `log.recover` trace record).
struct RecoveryReport {
    std::size_t segments = 0;
    std::int64_t truncated_bytes = 0;
    std::size_t removed_segments = 0;
    std::size_t unflushed_segments = 0;
    std::optional<Offset> checkpointed_recovery_point;
    std::optional<Offset> checkpointed_high_watermark;  // PartitionLogOptions::initial_high_watermark
};

class PartitionLog {
public:
    // Recovers the log from the node's files (log_recovery.h) and starts its timers. The node
    // must be up.
    PartitionLog(engine::Node& node, engine::Disk& disk, PartitionLogOptions options);
    PartitionLog(const PartitionLog&) = delete;
    PartitionLog& operator=(const PartitionLog&) = delete;

    // A client's batch on the leader: checked against the producer state, given offsets from
    // the log end and stamped with `leader_epoch`.
    AppendResult append_as_leader(RecordBatch batch, LeaderEpoch leader_epoch, AppendDone done);
    // A batch fetched from the leader, as the leader's log holds it (one encoded batch), which
    // keeps its offsets and epoch; it must start at the log end offset (else rejected with
    // OFFSET_OUT_OF_RANGE; the fetcher must truncate first). The log appends those very bytes,
    // as Kafka's follower appends the fetched MemoryRecords: nothing decoded or encoded again.
    AppendResult append_as_follower(engine::Block batch, AppendDone done);
    // The same for a batch as a struct (tests): encoded first.
    AppendResult append_as_follower(const RecordBatch& batch, AppendDone done);

    // Whole batches from the one containing request.offset, from one segment, as Kafka's
    // LocalLog.read; OFFSET_OUT_OF_RANGE below the log start or past the log end.
    ReadResult read(const ReadRequest& request) const;
    // The same batches as the log holds them, one block per batch, shared with the page cache
    // rather than copied or decoded (ReadResult::batches stays empty): what a Fetch answer
    // carries on to a follower or a consumer, as Kafka sends the segment's bytes.
    ReadResult read_encoded(const ReadRequest& request) const;
    // Where `offset` lies, as Kafka's LogOffsetMetadata: the base offset of its segment and the
    // byte position there of the batch that holds it; the log end lies at the end of the active
    // segment. From the in-memory index alone, nothing read: what a waiting fetch needs to tell
    // how many bytes lie between two offsets (DelayedFetch.tryComplete). The caller keeps
    // `offset` within [log start, log end].
    OffsetPosition offset_position(Offset offset) const;

    // Batches [from, to) of `segment` (one of segments()), decoded from its file in the page
    // cache: the log keeps only their headers (segment.h).
    std::vector<RecordBatch> load(const Segment& segment, std::size_t from, std::size_t to) const;

    // The first record from the log start on whose timestamp is at least `timestamp_ms`, with
    // its batch's leader epoch (UnifiedLog.fetchOffsetByTimestamp); nullopt if there is none.
    std::optional<TimestampOffset> offset_for_timestamp(std::int64_t timestamp_ms) const;

    Offset log_start_offset() const { return log_start_offset_; }
    Offset log_end_offset() const;
    Offset high_watermark() const { return high_watermark_; }
    // Sets the high watermark, clamped to [log start, log end] (UnifiedLog.updateHighWatermark).
    Offset update_high_watermark(Offset hw);
    // Moves it forward only (maybeIncrementHighWatermark); true if it moved.
    bool maybe_increment_high_watermark(Offset hw);
    Offset recovery_point() const { return recovery_point_; }
    std::int64_t size_bytes() const;

    // The newest epoch in the leader-epoch cache, or -1 (no batch with an epoch, none assigned).
    LeaderEpoch latest_epoch() const { return epochs_.latest_epoch(); }
    // Where `epoch` ends in this log (LeaderEpochCache::end_offset_for with the log end offset):
    // the leader's answer to OffsetsForLeaderEpoch and to a fetch's last fetched epoch, and a
    // follower's own end of an epoch. (-1, -1) when undefined. The caller checks offline() first.
    EpochEndOffset end_offset_for_epoch(LeaderEpoch epoch) const { return epochs_.end_offset_for(epoch, log_end_offset()); }
    // Records that `epoch` starts at `start_offset` (>= 0 both): the broker calls it with the
    // log end offset when it becomes leader (Partition.makeLeader → maybeAssignEpochStartOffset),
    // before it appends. Ignored when offline.
    void assign_epoch_start_offset(LeaderEpoch epoch, Offset start_offset);
    const LeaderEpochCache& leader_epoch_cache() const { return epochs_; }
    bool offline() const { return offline_; }

    // Drops every batch at and after `offset` (the whole batch holding it), across segments;
    // a target below the first segment truncates fully (UnifiedLog.truncateTo). False if
    // there was nothing to drop; even then, as in Kafka, leader-epoch entries at or past the
    // log end go (an epoch this replica assigned as leader but never wrote in).
    bool truncate_to(Offset offset);
    // Deletes every segment and starts empty at `offset` (a follower behind the leader's
    // log start); the leader-epoch cache is cleared.
    void truncate_fully_and_start_at(Offset offset);
    // Deletes old segments by retention.bytes and retention.ms now; returns how many. The log
    // also runs this every retention_check_interval.
    std::size_t delete_old_segments();
    // Removes every file of the log from the disk (LogManager.asyncDelete); the log must not
    // be used afterwards.
    void delete_files();
    // Syncs everything written so far; `done` (may be empty) when the sync completes.
    void flush(engine::StatusDone done);
    // Writes the recovery point checkpoint now (also done every checkpoint interval).
    void checkpoint_recovery_point(engine::StatusDone done);
    void set_config(const LogConfig& config) { options_.config = config; }

    const std::map<Offset, Segment>& segments() const { return segments_; }
    const ProducerStateManager& producer_state() const { return producers_; }
    const RecoveryReport& recovery() const { return recovery_; }
    const TopicPartition& partition() const { return options_.partition; }

private:
    // One appended batch until its `done` has run.
    struct PendingAppend {
        AppendDone done;
        bool accepted = false;     // the disk took the write (else the append was rejected)
        bool after_flush = false;  // `done` waits for the flush this append started
        Errc result = Errc::none;  // the write's completion, once it ran
    };

    // partition_log.cpp
    void recover();
    enum class Origin : std::uint8_t { leader, follower };
    AppendResult append(const BatchHeader& header, engine::Block bytes, Origin origin, AppendDone done);
    Segment& active() { return segments_.rbegin()->second; }
    const Segment& active() const { return segments_.rbegin()->second; }
    void go_offline(std::string_view file, engine::DiskStatus status);
    void rebuild_producer_state();
    engine::StatusDone must_succeed();
    void trace(std::string_view kind, std::initializer_list<engine::TraceField> fields);
    // `f` wrapped so that it does nothing once this log is destroyed.
    template <class F>
    auto guarded(F f) {
        return [alive = std::weak_ptr<bool>(alive_), f = std::move(f)](auto&&... args) mutable {
            if (!alive.expired()) f(std::forward<decltype(args)>(args)...);
        };
    }

    // partition_log_read.cpp
    // Batches [from, to) of *segment chosen by a read; no segment when it returns nothing.
    struct Selection {
        const Segment* segment = nullptr;
        std::size_t from = 0;
        std::size_t to = 0;
    };
    Selection select(const ReadRequest& request, ReadResult& result) const;
    // A stored batch's bytes in `file` (its segment's), as a view of the page cache's block.
    engine::Block stored_bytes(const std::string& file, const StoredBatch& b) const;

    // partition_log_roll.cpp
    const char* roll_reason(const BatchHeader& batch, std::int64_t size) const;
    void roll(std::string_view reason);
    std::size_t delete_segments_while(const std::function<bool(const Segment&)>& deletable, std::string_view reason);
    void remove_segment_files_newest_first(std::map<Offset, Segment>::iterator from);

    // partition_log_flush.cpp
    void flush_to(Offset target, const char* reason, engine::StatusDone then);  // reason: a literal
    void mark_flushed(Offset target, const char* reason);
    void after_truncation();
    void maybe_flush_after_append(const std::shared_ptr<PendingAppend>& pending);
    void arm_flush_timer();
    void on_flush_timer();
    void schedule_retention_check();
    void schedule_checkpoint();

    // partition_log_epochs.cpp
    void recover_epochs();
    void assign_epoch(LeaderEpoch epoch, Offset start_offset, const char* reason);  // reason: a literal
    void truncate_epochs_from_end();
    void truncate_epochs_from_start();
    void clear_epochs();
    enum class DropOld : std::uint8_t { no, yes };
    void write_epoch_checkpoint(DropOld drop_old);

    engine::Node& node_;
    engine::Disk& disk_;
    PartitionLogOptions options_;
    std::string dir_;
    std::string name_;  // "orders-0", the trace's `partition` field
    std::map<Offset, Segment> segments_;  // by base offset; never empty once recovered
    Offset log_start_offset_{0};
    Offset high_watermark_{0};
    Offset recovery_point_{0};
    Offset flush_requested_to_{0};     // the largest target of a flush submitted, or the recovery point
    std::deque<Offset> flushes_;       // targets of submitted flushes, oldest first
    engine::Instant last_flush_;
    bool flush_timer_armed_ = false;
    bool offline_ = false;
    ProducerStateManager producers_;
    CheckpointWriter checkpoint_;
    std::optional<Offset> checkpointed_;  // the recovery point last written durably
    RecoveryReport recovery_;
    LeaderEpochCache epochs_;
    CheckpointWriter epoch_checkpoint_;
    std::uint64_t epoch_writes_ = 0;  // checkpoint writes submitted, to tell the newest
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kafkasim::log
