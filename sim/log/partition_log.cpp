// PartitionLog: recovery at start, appends and the high watermark (UnifiedLog.append). Reads
// are in partition_log_read.cpp; rolls, retention and truncation in partition_log_roll.cpp;
// flushes, timers and the checkpoint in partition_log_flush.cpp.
#include "sim/log/partition_log.h"

#include <algorithm>
#include <vector>

#include "engine/assert.h"
#include "sim/log/batch_codec.h"
#include "sim/log/log_files.h"

namespace kafkasim::log {

PartitionLog::PartitionLog(engine::Node& node, engine::Disk& disk, PartitionLogOptions options)
    : node_(node),
      disk_(disk),
      options_(std::move(options)),
      dir_(log_dir(options_.partition)),
      name_(options_.partition.str()),
      last_flush_(node.now()),
      checkpoint_(disk, recovery_point_file(dir_)),
      epoch_checkpoint_(disk, leader_epoch_file(dir_)) {
    recover();
    schedule_retention_check();
    schedule_checkpoint();
}

void PartitionLog::recover() {
    RecoveredLog r = recover_log(disk_, options_.partition, node_.now());
    for (const std::string& file : r.remove_files) disk_.remove(file, must_succeed());
    if (r.truncate_file) disk_.truncate(*r.truncate_file, r.truncate_length, must_succeed());
    segments_ = std::move(r.segments);
    if (segments_.empty()) {
        // No segment at all (a new replica, or a power loss in the middle of a full truncation).
        segments_.emplace(Offset{0}, Segment(Offset{0}, node_.now()));
        disk_.create(segment_file(dir_, Offset{0}), must_succeed());
    }
    log_start_offset_ = segments_.begin()->first;
    high_watermark_ = log_start_offset_;
    recovery_point_ = std::max(r.recovery_point, log_start_offset_);
    flush_requested_to_ = recovery_point_;
    checkpointed_ = r.checkpointed;
    rebuild_producer_state();
    // Partition.createLog: the checkpointed high watermark, clamped to the recovered log.
    if (options_.initial_high_watermark) update_high_watermark(*options_.initial_high_watermark);
    recovery_ = RecoveryReport{segments_.size(), r.truncated_bytes, r.remove_files.size(), r.unflushed_segments,
                               r.checkpointed, options_.initial_high_watermark};
    trace("log.recover", {{"segments", static_cast<std::uint64_t>(segments_.size())},
                          {"log_start_offset", log_start_offset_.value},
                          {"log_end_offset", log_end_offset().value},
                          {"recovery_point", recovery_point_.value},
                          {"unflushed_segments", static_cast<std::uint64_t>(r.unflushed_segments)},
                          {"truncated_bytes", r.truncated_bytes},
                          {"removed_segments", static_cast<std::uint64_t>(r.remove_files.size())},
                          {"high_watermark", high_watermark_.value}});
    recover_epochs();
}

Offset PartitionLog::log_end_offset() const { return active().next_offset(); }

std::int64_t PartitionLog::size_bytes() const {
    std::int64_t total = 0;
    for (const auto& [base, segment] : segments_) total += segment.size_bytes();
    return total;
}

AppendResult PartitionLog::append_as_leader(RecordBatch batch, LeaderEpoch leader_epoch, AppendDone done) {
    AppendResult result;
    if (offline_ || batch.records.empty()) {
        result.error = offline_ ? Errc::kafka_storage_error : Errc::corrupt_message;
        return result;
    }
    const ProducerCheck check = producers_.check(batch);
    if (check.outcome == ProducerCheckOutcome::duplicate) {
        result.outcome = AppendOutcome::duplicate;
        result.first_offset = check.original.first_offset;
        result.last_offset = check.original.last_offset;
        return result;
    }
    if (check.outcome == ProducerCheckOutcome::reject) {
        result.error = check.error;
        return result;
    }
    batch.base_offset = log_end_offset();
    batch.partition_leader_epoch = leader_epoch;
    return append(BatchHeader::of(batch), encode_batch(batch), Origin::leader, std::move(done));
}

AppendResult PartitionLog::append_as_follower(const RecordBatch& batch, AppendDone done) {
    if (batch.records.empty()) {
        AppendResult result;
        result.error = offline_ ? Errc::kafka_storage_error : Errc::corrupt_message;
        return result;
    }
    return append_as_follower(engine::Block(encode_batch(batch)), std::move(done));
}

AppendResult PartitionLog::append_as_follower(engine::Block batch, AppendDone done) {
    AppendResult result;
    // The leader's log wrote these bytes and nothing on the way changes them, so the framing
    // is checked and the CRC is not.
    const DecodedHeader d = decode_batch_header(batch.span());
    const bool whole = d.error == DecodeError::none && d.bytes == batch.size();
    if (offline_ || !whole || d.header.base_offset != log_end_offset()) {
        result.error = offline_ ? Errc::kafka_storage_error : !whole ? Errc::corrupt_message : Errc::offset_out_of_range;
        return result;
    }
    return append(d.header, std::move(batch), Origin::follower, std::move(done));
}

AppendResult PartitionLog::append(const BatchHeader& header, engine::Block bytes, Origin origin, AppendDone done) {
    const auto size = static_cast<std::int64_t>(bytes.size());
    if (const char* reason = roll_reason(header, size)) roll(reason);

    auto pending = std::make_shared<PendingAppend>();
    pending->done = std::move(done);
    const std::string file = segment_file(dir_, active().base_offset());
    const std::uint64_t used_before = disk_.used_bytes();
    disk_.append(file, std::move(bytes), guarded([this, pending, file](engine::DiskStatus s) {
        if (!pending->accepted) return;  // refused within the call: already answered
        if (s != engine::DiskStatus::ok) go_offline(file, s);
        pending->result = s == engine::DiskStatus::ok ? Errc::none : Errc::kafka_storage_error;
        if (!pending->after_flush && pending->done) pending->done(pending->result);
    }));
    // The disk applies an append when it is submitted, or refuses it whole (disk.h).
    pending->accepted = disk_.used_bytes() - used_before == static_cast<std::uint64_t>(size);
    AppendResult result;
    if (!pending->accepted) {
        go_offline(file, engine::DiskStatus::disk_full);
        result.error = Errc::kafka_storage_error;
        return result;
    }
    result.outcome = AppendOutcome::appended;
    result.first_offset = header.base_offset;
    result.last_offset = header.last_offset();
    producers_.update(header);
    const LeaderEpoch epoch = header.partition_leader_epoch;
    const Offset base = header.base_offset;
    active().append(header, size, node_.now());
    // UnifiedLog.append assigns every batch's epoch at its base offset, for the leader's
    // appends and the follower's alike; for all but an epoch's first batch nothing changes.
    if (epoch.value >= 0) assign_epoch(epoch, base, origin == Origin::leader ? "leader_append" : "follower_append");
    maybe_flush_after_append(pending);
    return result;
}

Offset PartitionLog::update_high_watermark(Offset hw) {
    high_watermark_ = std::clamp(hw, log_start_offset_, log_end_offset());
    return high_watermark_;
}

bool PartitionLog::maybe_increment_high_watermark(Offset hw) {
    if (hw <= high_watermark_) return false;
    const Offset before = high_watermark_;
    return update_high_watermark(hw) != before;
}

void PartitionLog::go_offline(std::string_view file, engine::DiskStatus status) {
    if (offline_) return;
    offline_ = true;
    trace("log.storage_error", {{"file", file}, {"status", engine::to_string(status)}});
    // Told from a timer, not inside the failing call: the broker may stop the whole node.
    if (options_.on_offline) node_.set_timer(engine::Duration::zero(), guarded([cb = options_.on_offline] { cb(); }));
}

void PartitionLog::rebuild_producer_state() {
    producers_.clear();
    for (const auto& [base, segment] : segments_)
        for (const StoredBatch& b : segment.batches()) producers_.update(b.header);
}

engine::StatusDone PartitionLog::must_succeed() {
    return guarded([](engine::DiskStatus s) {
        SIM_ASSERT(s == engine::DiskStatus::ok, "a log's create, truncate and remove of its own files cannot fail");
    });
}

void PartitionLog::trace(std::string_view kind, std::initializer_list<engine::TraceField> fields) {
    std::vector<engine::TraceField> all;
    all.reserve(fields.size() + 1);
    all.push_back({"partition", name_});
    all.insert(all.end(), fields.begin(), fields.end());
    node_.sim().trace().record(node_.now(), node_.id(), kind, std::span<const engine::TraceField>(all));
}

}  // namespace kafkasim::log
