#include "sim/log/offset_checkpoint.h"

namespace kafkasim::log {

namespace {

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

std::string encode_checkpoint(const std::vector<std::string>& entry_lines) {
    std::string text = "0\n" + std::to_string(entry_lines.size()) + "\n";
    for (const std::string& line : entry_lines) text += line + "\n";
    return text;
}

std::optional<std::vector<std::vector<std::string_view>>> decode_checkpoint(std::string_view text, std::size_t fields) {
    if (!text.ends_with('\n')) return std::nullopt;  // a file cut short
    text.remove_suffix(1);
    const std::vector<std::string_view> lines = split(text, '\n');
    if (lines.size() < 2 || lines[0] != "0") return std::nullopt;
    const auto count = parse_checkpoint_int<std::size_t>(lines[1]);
    if (!count || *count != lines.size() - 2) return std::nullopt;
    std::vector<std::vector<std::string_view>> entries;
    for (std::size_t i = 2; i < lines.size(); ++i) {
        std::vector<std::string_view> parts = split(lines[i], ' ');
        if (parts.size() != fields) return std::nullopt;
        for (std::string_view p : parts)
            if (p.empty()) return std::nullopt;
        entries.push_back(std::move(parts));
    }
    return entries;
}

std::string encode_offset_checkpoint(const OffsetMap& offsets) {
    std::vector<std::string> lines;
    for (const auto& [tp, offset] : offsets)
        lines.push_back(tp.topic + " " + std::to_string(tp.partition) + " " + std::to_string(offset.value));
    return encode_checkpoint(lines);
}

std::optional<OffsetMap> decode_offset_checkpoint(std::string_view text) {
    const auto entries = decode_checkpoint(text, 3);
    if (!entries) return std::nullopt;
    OffsetMap offsets;
    for (const std::vector<std::string_view>& fields : *entries) {
        const auto partition = parse_checkpoint_int<std::int32_t>(fields[1]);
        const auto offset = parse_checkpoint_int<std::int64_t>(fields[2]);
        if (!partition || !offset) return std::nullopt;
        offsets[TopicPartition{std::string(fields[0]), *partition}] = Offset{*offset};
    }
    return offsets;
}

}  // namespace kafkasim::log
