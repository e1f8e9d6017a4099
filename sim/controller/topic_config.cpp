#include "sim/controller/topic_config.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>

namespace kafkasim::controller {

namespace {

std::string trim(const std::string& s) {
    // ConfigDef.parseType trims with String.trim(): every char up to and including ' '.
    std::size_t b = 0;
    std::size_t e = s.size();
    while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
    while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
    return s.substr(b, e - b);
}

// Long.parseLong: an optional sign and at least one decimal digit, in range.
std::optional<std::int64_t> parse_long(const std::string& raw) {
    const std::string s = trim(raw);
    std::size_t i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
    if (i == s.size()) return std::nullopt;
    // Accumulate negatively so that the minimum value parses too.
    std::int64_t v = 0;
    constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        const int d = s[i] - '0';
        if (v < (min + d) / 10) return std::nullopt;
        v = v * 10 - d;
    }
    if (!negative) {
        if (v == min) return std::nullopt;
        v = -v;
    }
    return v;
}

std::optional<std::int32_t> parse_int(const std::string& raw) {
    const std::optional<std::int64_t> v = parse_long(raw);
    if (!v || *v < std::numeric_limits<std::int32_t>::min() || *v > std::numeric_limits<std::int32_t>::max())
        return std::nullopt;
    return static_cast<std::int32_t>(*v);
}

std::optional<bool> parse_bool(const std::string& raw) {
    std::string s = trim(raw);
    std::transform(s.begin(), s.end(), s.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
    if (s == "true") return true;
    if (s == "false") return false;
    return std::nullopt;
}

// Milliseconds to a Duration, saturating: Long.MAX_VALUE ms (flush.ms's "never") is max().
engine::Duration from_ms(std::int64_t ms) {
    constexpr std::int64_t limit = std::numeric_limits<std::int64_t>::max() / 1000;
    if (ms > limit) return engine::Duration::max();
    return engine::Duration::ms(ms);
}

TopicConfigResult invalid(const std::string& name, const std::string& value, const std::string& why) {
    return TopicConfigResult{Errc::invalid_config, "Invalid value " + value + " for configuration " + name + ": " + why, {}};
}

// Applies one override to `c`; an error result if the name or value is bad.
std::optional<TopicConfigResult> apply_one(LogConfig& c, const std::string& name, const std::string& value) {
    auto long_at_least = [&](std::int64_t min, auto set) -> std::optional<TopicConfigResult> {
        const std::optional<std::int64_t> v = parse_long(value);
        if (!v) return invalid(name, value, "Not a number of type LONG");
        if (*v < min) return invalid(name, value, "Value must be at least " + std::to_string(min));
        set(*v);
        return std::nullopt;
    };
    auto int_at_least = [&](std::int32_t min, auto set) -> std::optional<TopicConfigResult> {
        const std::optional<std::int32_t> v = parse_int(value);
        if (!v) return invalid(name, value, "Not a number of type INT");
        if (*v < min) return invalid(name, value, "Value must be at least " + std::to_string(min));
        set(*v);
        return std::nullopt;
    };
    constexpr std::int64_t any = std::numeric_limits<std::int64_t>::min();
    if (name == "segment.bytes") return int_at_least(14, [&](std::int32_t v) { c.segment_bytes = v; });
    if (name == "segment.ms") return long_at_least(1, [&](std::int64_t v) { c.segment_ms = from_ms(v); });
    if (name == "retention.ms") return long_at_least(-1, [&](std::int64_t v) { c.retention_ms = from_ms(v); });
    if (name == "retention.bytes") return long_at_least(any, [&](std::int64_t v) { c.retention_bytes = v; });
    if (name == "flush.messages") return long_at_least(1, [&](std::int64_t v) { c.flush_messages = v; });
    if (name == "flush.ms") return long_at_least(0, [&](std::int64_t v) { c.flush_ms = from_ms(v); });
    if (name == "min.insync.replicas") return int_at_least(1, [&](std::int32_t v) { c.min_insync_replicas = v; });
    if (name == "unclean.leader.election.enable") {
        const std::optional<bool> v = parse_bool(value);
        if (!v) return invalid(name, value, "Expected value to be either true or false");
        c.unclean_leader_election_enable = *v;
        return std::nullopt;
    }
    return TopicConfigResult{Errc::invalid_config, "Unknown topic config name: " + name, {}};
}

}  // namespace

TopicConfigResult apply_topic_overrides(const LogConfig& defaults, const ConfigOverrides& overrides) {
    TopicConfigResult result{Errc::none, {}, defaults};
    for (const auto& [name, value] : overrides) {
        if (std::optional<TopicConfigResult> bad = apply_one(result.config, name, value)) return *bad;
    }
    return result;
}

std::string invalid_topic_name_reason(const std::string& name) {
    if (name.empty()) return "Topic name is illegal, it can't be empty";
    if (name == "." || name == "..") return "Topic name cannot be \".\" or \"..\"";
    if (name.size() > 249)
        return "Topic name is illegal, it can't be longer than 249 characters, topic name: " + name;
    for (char ch : name) {
        const bool legal = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                           ch == '.' || ch == '_' || ch == '-';
        if (!legal)
            return "Topic name \"" + name +
                   "\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'";
    }
    return {};
}

std::string unify_collision_chars(const std::string& name) {
    std::string out = name;
    std::replace(out.begin(), out.end(), '.', '_');
    return out;
}

}  // namespace kafkasim::controller
