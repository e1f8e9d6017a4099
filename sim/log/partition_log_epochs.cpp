// PartitionLog: its leader-epoch cache (UnifiedLog.maybeAssignEpochStartOffset, the cache calls
// in truncateTo, truncateFullyAndStartAt and maybeIncrementLogStartOffset, and LogLoader's at
// start; KIP-101) and the "leader-epoch-checkpoint" file that persists it.
//
// Kafka writes the checkpoint synchronously (with an fsync) when an epoch is assigned, before
// the batch that carries it is appended, and asynchronously after a truncation. Here every
// change submits a CheckpointWriter write (temp file, sync, rename, sync), whose rename lands
// later than the appends submitted meanwhile. So a power loss can leave a checkpoint that
// lacks the newest epochs while their batches are durable, or one that still holds entries
// past a truncation. Recovery handles both (leader_epoch_recovery.h), and a change that drops
// entries deletes the old file before anything else is written (CheckpointWriter::discard), so
// that no later append can become durable next to entries that no longer describe the log.
#include "engine/assert.h"
#include "sim/log/leader_epoch_checkpoint.h"
#include "sim/log/leader_epoch_recovery.h"
#include "sim/log/partition_log.h"

namespace kafkasim::log {

void PartitionLog::recover_epochs() {
    const RecoveredEpochs r = recover_leader_epochs(read_leader_epoch_checkpoint(disk_, epoch_checkpoint_.name()), segments_);
    epochs_ = r.cache;
    trace("log.epoch_recover", {{"checkpoint", to_string(r.checkpoint)},
                                {"checkpoint_entries", static_cast<std::uint64_t>(r.checkpoint_entries)},
                                {"dropped_past_end", static_cast<std::uint64_t>(r.dropped_past_end)},
                                {"added_from_batches", static_cast<std::uint64_t>(r.added_from_batches)},
                                {"rebuilt", r.rebuilt},
                                {"entries", static_cast<std::uint64_t>(epochs_.entries().size())},
                                {"latest_epoch", static_cast<std::int64_t>(epochs_.latest_epoch().value)}});
    if (r.rewrite) write_epoch_checkpoint(DropOld::yes);
}

void PartitionLog::assign_epoch_start_offset(LeaderEpoch epoch, Offset start_offset) {
    SIM_ASSERT(epoch.value >= 0 && start_offset.value >= 0, "a leader assigns an epoch >= 0 at an offset >= 0");
    if (offline_) return;
    assign_epoch(epoch, start_offset, "become_leader");
}

void PartitionLog::assign_epoch(LeaderEpoch epoch, Offset start_offset, const char* reason) {
    const std::size_t before = epochs_.entries().size();
    const std::optional<EpochEntry> latest = epochs_.latest_entry();
    if (!epochs_.assign(epoch, start_offset)) return;
    // Entries are dropped only from the end; all but the new one stayed.
    const std::size_t dropped = before + 1 - epochs_.entries().size();
    trace("log.epoch_assign", {{"epoch", static_cast<std::int64_t>(epoch.value)},
                               {"start_offset", start_offset.value},
                               {"reason", reason},
                               {"dropped", static_cast<std::uint64_t>(dropped)},
                               {"previous_epoch", static_cast<std::int64_t>(latest ? latest->epoch.value : -1)}});
    write_epoch_checkpoint(dropped > 0 ? DropOld::yes : DropOld::no);
}

void PartitionLog::truncate_epochs_from_end() {
    const Offset end = log_end_offset();
    const std::size_t removed = epochs_.truncate_from_end(end);
    if (removed == 0) return;
    trace("log.epoch_truncate", {{"mode", "end"},
                                 {"offset", end.value},
                                 {"removed", static_cast<std::uint64_t>(removed)},
                                 {"entries", static_cast<std::uint64_t>(epochs_.entries().size())},
                                 {"latest_epoch", static_cast<std::int64_t>(epochs_.latest_epoch().value)}});
    write_epoch_checkpoint(DropOld::yes);
}

void PartitionLog::truncate_epochs_from_start() {
    const std::size_t before = epochs_.entries().size();
    if (!epochs_.truncate_from_start(log_start_offset_)) return;
    trace("log.epoch_truncate", {{"mode", "start"},
                                 {"offset", log_start_offset_.value},
                                 {"removed", static_cast<std::uint64_t>(before - epochs_.entries().size())},
                                 {"entries", static_cast<std::uint64_t>(epochs_.entries().size())},
                                 {"latest_epoch", static_cast<std::int64_t>(epochs_.latest_epoch().value)}});
    // Entries below the log start that a power loss brings back are dropped again at start.
    write_epoch_checkpoint(DropOld::no);
}

void PartitionLog::clear_epochs() {
    if (epochs_.empty()) return;
    const std::size_t removed = epochs_.entries().size();
    epochs_.clear();
    trace("log.epoch_truncate", {{"mode", "clear"},
                                 {"offset", log_start_offset_.value},
                                 {"removed", static_cast<std::uint64_t>(removed)},
                                 {"entries", std::uint64_t{0}},
                                 {"latest_epoch", std::int64_t{-1}}});
    write_epoch_checkpoint(DropOld::yes);
}

void PartitionLog::write_epoch_checkpoint(DropOld drop_old) {
    if (drop_old == DropOld::yes) epoch_checkpoint_.discard();
    const std::uint64_t write = ++epoch_writes_;
    epoch_checkpoint_.write(encode_leader_epoch_checkpoint(epochs_.entries()),
                            guarded([this, write](engine::DiskStatus s) {
                                if (s != engine::DiskStatus::ok) {
                                    go_offline(epoch_checkpoint_.name(), s);
                                    return;
                                }
                                // Only the newest write's completion says the file holds the
                                // cache as it is (every change submits a write).
                                if (write != epoch_writes_) return;
                                trace("log.epoch_checkpoint",
                                      {{"entries", static_cast<std::uint64_t>(epochs_.entries().size())},
                                       {"latest_epoch", static_cast<std::int64_t>(epochs_.latest_epoch().value)}});
                            }));
}

}  // namespace kafkasim::log
