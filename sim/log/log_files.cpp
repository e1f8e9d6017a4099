#include "sim/log/log_files.h"

#include <charconv>
#include <set>

namespace kafkasim::log {

namespace {

constexpr std::string_view segment_suffix = ".log";
constexpr std::size_t offset_digits = 20;

}  // namespace

std::string log_dir(const TopicPartition& tp) { return tp.str() + "/"; }

std::string segment_file(const std::string& dir, Offset base_offset) {
    std::string digits = std::to_string(base_offset.value);
    if (digits.size() < offset_digits) digits.insert(0, offset_digits - digits.size(), '0');
    return dir + digits + std::string(segment_suffix);
}

std::string recovery_point_file(const std::string& dir) { return dir + "recovery-point-offset-checkpoint"; }

std::string leader_epoch_file(const std::string& dir) { return dir + "leader-epoch-checkpoint"; }

std::string high_watermark_file() { return "replication-offset-checkpoint"; }

std::optional<Offset> parse_segment_file(const std::string& dir, std::string_view name) {
    if (!name.starts_with(dir)) return std::nullopt;
    name.remove_prefix(dir.size());
    if (name.size() != offset_digits + segment_suffix.size() || !name.ends_with(segment_suffix)) return std::nullopt;
    std::int64_t v = 0;
    const char* first = name.data();
    const char* last = name.data() + offset_digits;
    const auto [ptr, ec] = std::from_chars(first, last, v);
    if (ec != std::errc() || ptr != last || v < 0) return std::nullopt;
    return Offset{v};
}

std::optional<TopicPartition> parse_log_dir(std::string_view dir) {
    const std::size_t dash = dir.rfind('-');
    if (dash == std::string_view::npos || dash == 0 || dash + 1 == dir.size()) return std::nullopt;
    std::int32_t partition = 0;
    const char* first = dir.data() + dash + 1;
    const char* last = dir.data() + dir.size();
    const auto [ptr, ec] = std::from_chars(first, last, partition);
    if (ec != std::errc() || ptr != last || partition < 0) return std::nullopt;
    return TopicPartition{std::string(dir.substr(0, dash)), partition};
}

std::vector<TopicPartition> partitions_on_disk(const engine::Disk& disk) {
    std::set<TopicPartition> found;
    for (const std::string& name : disk.list_now()) {
        const std::size_t slash = name.find('/');
        if (slash == std::string::npos) continue;
        const std::string dir = name.substr(0, slash + 1);
        if (!parse_segment_file(dir, name)) continue;
        if (auto tp = parse_log_dir(std::string_view(dir).substr(0, slash))) found.insert(std::move(*tp));
    }
    return {found.begin(), found.end()};
}

}  // namespace kafkasim::log
