#include "sim/log/log_recovery.h"

#include <algorithm>

#include "sim/log/batch_codec.h"
#include "sim/log/log_files.h"
#include "sim/log/offset_checkpoint.h"

namespace kafkasim::log {

namespace {

std::optional<Offset> read_recovery_point(const engine::Disk& disk, const std::string& dir, const TopicPartition& tp) {
    const engine::Result<engine::Bytes> file = disk.read_now(recovery_point_file(dir));
    if (!file.ok()) return std::nullopt;
    const engine::Bytes& b = file.value();
    const std::optional<OffsetMap> offsets = decode_offset_checkpoint(std::string_view(
        reinterpret_cast<const char*>(b.data()), b.size()));
    if (!offsets) return std::nullopt;
    const auto it = offsets->find(tp);
    if (it == offsets->end()) return std::nullopt;
    return it->second;
}

// Loads the batches of one segment file that follow on from `base`; returns the valid length.
std::size_t load_segment(const engine::Bytes& bytes, Segment& segment, engine::Instant now) {
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        DecodedBatch d = decode_batch(std::span<const std::uint8_t>(bytes).subspan(pos));
        if (d.error != DecodeError::none || d.batch.base_offset != segment.next_offset()) break;
        segment.append(BatchHeader::of(d.batch), static_cast<std::int64_t>(d.bytes), now);
        pos += d.bytes;
    }
    return pos;
}

}  // namespace

RecoveredLog recover_log(const engine::Disk& disk, const TopicPartition& tp, engine::Instant now) {
    const std::string dir = log_dir(tp);
    RecoveredLog out;
    out.checkpointed = read_recovery_point(disk, dir, tp);

    std::vector<std::pair<Offset, std::string>> files;  // list_now is sorted; 20 digits sort as numbers
    for (const std::string& name : disk.list_now())
        if (auto base = parse_segment_file(dir, name)) files.emplace_back(*base, name);

    bool valid = true;
    for (const auto& [base, name] : files) {
        const engine::Result<engine::Bytes> file = disk.read_now(name);
        const std::uint64_t size = file.ok() ? file.value().size() : 0;
        const bool follows_on = out.segments.empty() || out.segments.rbegin()->second.next_offset() == base;
        if (!valid || !file.ok() || !follows_on) {
            valid = false;
            out.remove_files.push_back(name);
            out.truncated_bytes += static_cast<std::int64_t>(size);
            continue;
        }
        Segment segment(base, now);
        const std::size_t good = load_segment(file.value(), segment, now);
        if (good < size) {
            valid = false;
            out.truncate_file = name;
            out.truncate_length = good;
            out.truncated_bytes += static_cast<std::int64_t>(size - good);
        }
        out.segments.emplace(base, std::move(segment));
    }
    std::reverse(out.remove_files.begin(), out.remove_files.end());

    if (!out.segments.empty()) {
        const Offset start = out.segments.begin()->first;
        const Offset end = out.segments.rbegin()->second.next_offset();
        out.recovery_point = std::clamp(out.checkpointed.value_or(start), start, end);
        for (const auto& [base, segment] : out.segments)
            if (segment.next_offset() > out.recovery_point || base == out.segments.rbegin()->first)
                ++out.unflushed_segments;
    }
    return out;
}

}  // namespace kafkasim::log
