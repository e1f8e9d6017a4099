#include "sim/log/leader_epoch_checkpoint.h"

#include "sim/log/offset_checkpoint.h"

namespace kafkasim::log {

std::string encode_leader_epoch_checkpoint(const std::vector<EpochEntry>& entries) {
    std::vector<std::string> lines;
    lines.reserve(entries.size());
    for (const EpochEntry& e : entries) lines.push_back(std::to_string(e.epoch.value) + " " + std::to_string(e.start_offset.value));
    return encode_checkpoint(lines);
}

std::optional<std::vector<EpochEntry>> decode_leader_epoch_checkpoint(std::string_view text) {
    const auto lines = decode_checkpoint(text, 2);
    if (!lines) return std::nullopt;
    std::vector<EpochEntry> entries;
    for (const std::vector<std::string_view>& fields : *lines) {
        const auto epoch = parse_checkpoint_int<std::int32_t>(fields[0]);
        const auto offset = parse_checkpoint_int<std::int64_t>(fields[1]);
        if (!epoch || !offset || *epoch < 0 || *offset < 0) return std::nullopt;
        entries.push_back({LeaderEpoch{*epoch}, Offset{*offset}});
    }
    return entries;
}

std::string_view to_string(EpochCheckpointState state) {
    switch (state) {
        case EpochCheckpointState::found: return "found";
        case EpochCheckpointState::missing: return "missing";
        case EpochCheckpointState::unreadable: return "unreadable";
    }
    return "?";
}

EpochCheckpointFile read_leader_epoch_checkpoint(const engine::Disk& disk, const std::string& name) {
    const engine::Result<engine::Bytes> file = disk.read_now(name);
    if (!file.ok()) return {};
    const engine::Bytes& b = file.value();
    auto entries = decode_leader_epoch_checkpoint(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
    if (!entries) return {EpochCheckpointState::unreadable, {}};
    return {EpochCheckpointState::found, std::move(*entries)};
}

}  // namespace kafkasim::log
