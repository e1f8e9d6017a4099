#include "sim/controller/metadata_log.h"

#include <algorithm>
#include <utility>

#include "engine/assert.h"
#include "sim/controller/record_codec.h"

namespace kafkasim::controller {

MetadataLog::MetadataLog(engine::Disk& disk, CommitFn on_commit, FailFn on_fail)
    : disk_(disk), on_commit_(std::move(on_commit)), on_fail_(std::move(on_fail)) {}

MetadataLog::Recovery MetadataLog::recover() {
    SIM_ASSERT(entries_.empty() && file_size_ == 0, "a metadata log is recovered once, before any append");
    Recovery r;
    engine::Result<engine::Bytes> file = disk_.read_now(file_name);
    if (!file.ok()) {
        SIM_ASSERT(file.status() == engine::DiskStatus::not_found, "reading the metadata log fails only if it is missing");
        r.created = true;
        disk_.create(file_name, {});
        start_sync();
        return r;
    }
    const engine::Bytes& bytes = file.value();
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        DecodedBatch batch = decode_batch(std::span<const std::uint8_t>(bytes).subspan(pos));
        // A batch must also continue the offsets: one that does not follows a lost write.
        if (batch.status != DecodeStatus::ok || batch.entries.front().offset != end()) break;
        r.batches += 1;
        r.records += batch.entries.size();
        for (MetadataEntry& e : batch.entries) entries_.push_back(std::move(e));
        pos += batch.size;
    }
    file_size_ = pos;
    if (pos < bytes.size()) {
        r.truncated_bytes = bytes.size() - pos;
        disk_.truncate(file_name, pos, {});
    }
    start_sync();
    return r;
}

Offset MetadataLog::append(std::vector<MetadataRecord> records) {
    SIM_ASSERT(!failed_, "nothing is appended to a metadata log whose disk refused a write");
    const Offset base = end();
    engine::Bytes bytes = encode_batch(base, records);
    file_size_ += bytes.size();
    for (std::size_t i = 0; i < records.size(); ++i)
        entries_.push_back(MetadataEntry{base + static_cast<std::int64_t>(i), std::move(records[i])});
    disk_.append(file_name, std::move(bytes), [this](engine::DiskStatus status) {
        if (status == engine::DiskStatus::ok || failed_) return;
        failed_ = true;
        on_fail_(status);
    });
    if (!sync_running_) start_sync();
    return base;
}

std::span<const MetadataEntry> MetadataLog::committed_from(Offset from, std::int32_t max) const {
    if (from.value < 0 || from >= committed_end_ || max <= 0) return {};
    const auto first = static_cast<std::size_t>(from.value);
    const auto count = std::min<std::size_t>(static_cast<std::size_t>(max),
                                             static_cast<std::size_t>(committed_end_.value) - first);
    return std::span<const MetadataEntry>(entries_).subspan(first, count);
}

void MetadataLog::start_sync() {
    sync_running_ = true;
    const Offset covered = end();
    disk_.sync({std::string(file_name)}, [this, covered](engine::DiskStatus status) {
        if (status != engine::DiskStatus::ok && !failed_) {
            failed_ = true;
            on_fail_(status);
        }
        on_synced(covered);
    });
}

void MetadataLog::on_synced(Offset covered) {
    sync_running_ = false;
    if (failed_) return;
    // The first sync ends recovery: it commits what was recovered, even nothing.
    if (covered > committed_end_ || !recovered_) {
        recovered_ = true;
        committed_end_ = covered;
        on_commit_(committed_end_);
    }
    if (!sync_running_ && !failed_ && end() > committed_end_) start_sync();
}

}  // namespace kafkasim::controller
