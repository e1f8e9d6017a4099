#include "sim/log/offset_checkpoint.h"

#include <charconv>
#include <vector>

namespace kafkasim::log {

namespace {

template <class Int>
std::optional<Int> parse_int(std::string_view s) {
    Int v{};
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == sep) {
            parts.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

}  // namespace

std::string encode_offset_checkpoint(const OffsetMap& offsets) {
    std::string text = "0\n" + std::to_string(offsets.size()) + "\n";
    for (const auto& [tp, offset] : offsets)
        text += tp.topic + " " + std::to_string(tp.partition) + " " + std::to_string(offset.value) + "\n";
    return text;
}

std::optional<OffsetMap> decode_offset_checkpoint(std::string_view text) {
    if (!text.ends_with('\n')) return std::nullopt;  // a file cut short
    text.remove_suffix(1);
    const std::vector<std::string_view> lines = split(text, '\n');
    if (lines.size() < 2 || lines[0] != "0") return std::nullopt;
    const auto count = parse_int<std::size_t>(lines[1]);
    if (!count || *count != lines.size() - 2) return std::nullopt;
    OffsetMap offsets;
    for (std::size_t i = 2; i < lines.size(); ++i) {
        const std::vector<std::string_view> fields = split(lines[i], ' ');
        if (fields.size() != 3 || fields[0].empty()) return std::nullopt;
        const auto partition = parse_int<std::int32_t>(fields[1]);
        const auto offset = parse_int<std::int64_t>(fields[2]);
        if (!partition || !offset) return std::nullopt;
        offsets[TopicPartition{std::string(fields[0]), *partition}] = Offset{*offset};
    }
    return offsets;
}

}  // namespace kafkasim::log
