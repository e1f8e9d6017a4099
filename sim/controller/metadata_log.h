// MetadataLog: the controller's copy of __cluster_metadata on its own disk, as KRaft's
// KafkaRaftClient keeps it (KIP-500, KIP-595) reduced to a single voter. Records are appended in
// atomic batches (record_codec.h) at consecutive offsets, and a record is *committed* once the
// quorum holds it durably: with one voter, once a sync submitted after it has completed. Only
// committed records are served to brokers, and a request that wrote records is answered only
// once they are committed (QuorumController's deferred event completion), so a power loss,
// which keeps exactly the durable prefix, never takes back anything anyone was told.
//
// Recovery reads the file as the restarted process finds it, keeps every whole batch, cuts a
// torn or corrupt tail (KafkaMetadataLog's recovery of the last segment), and syncs once before
// the recovered records count as committed: after a process crash the page cache may hold
// records that were never durable.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "engine/disk/disk.h"
#include "sim/proto/metadata_records.h"

namespace kafkasim::controller {

class MetadataLog {
public:
    // The one file of the log. Kafka keeps segments under __cluster_metadata-0/; one file
    // is enough for the small logs of a simulation.
    static constexpr const char* file_name = "__cluster_metadata-0.log";

    struct Recovery {
        std::uint64_t batches = 0;
        std::uint64_t records = 0;
        std::uint64_t truncated_bytes = 0;  // a torn or corrupt tail that was cut off
        bool created = false;               // no file was there: a fresh log
    };

    // Called each time committed_end() advances, with the new value, and once when the sync
    // that ends recovery completes (then recovered() turns true).
    using CommitFn = std::function<void(Offset committed_end)>;
    // Called when the disk refuses a write (disk_full): the log can no longer promise anything.
    using FailFn = std::function<void(engine::DiskStatus)>;

    MetadataLog(engine::Disk& disk, CommitFn on_commit, FailFn on_fail);
    MetadataLog(const MetadataLog&) = delete;
    MetadataLog& operator=(const MetadataLog&) = delete;

    // Loads the file (once, before anything else), cuts a bad tail, and submits the sync after
    // which everything recovered is committed (on_commit says when).
    Recovery recover();

    // Appends `records` as one atomic batch at end() and starts a sync unless one is already
    // running (the next one then covers it: a group commit). Returns the first record's offset.
    // The records take effect in the page cache at once, and are committed by a later sync.
    Offset append(std::vector<MetadataRecord> records);

    Offset end() const { return Offset{static_cast<std::int64_t>(entries_.size())}; }
    Offset committed_end() const { return committed_end_; }
    bool failed() const { return failed_; }
    bool recovered() const { return recovered_; }

    // Every entry appended or recovered, committed or not, by offset.
    const std::vector<MetadataEntry>& entries() const { return entries_; }
    // Up to `max` committed entries from `from`; empty when `from` is at or past committed_end().
    std::span<const MetadataEntry> committed_from(Offset from, std::int32_t max) const;

private:
    void start_sync();
    void on_synced(Offset covered);

    engine::Disk& disk_;
    CommitFn on_commit_;
    FailFn on_fail_;
    std::vector<MetadataEntry> entries_;
    std::uint64_t file_size_ = 0;
    Offset committed_end_{0};
    bool sync_running_ = false;
    bool recovered_ = false;
    bool failed_ = false;
};

}  // namespace kafkasim::controller
