#include "sim/coordinator/group_record.h"

#include "sim/coordinator/record_codec.h"

namespace kafkasim::coordinator {

namespace {

// Kafka's GroupMetadataValue version 3 carries group.instance.id and the state timestamp.
constexpr std::int16_t group_value_version = 3;

void put_i32(Writer& w, std::int32_t v) { w.int_be(static_cast<std::uint32_t>(v), 4); }
void put_i64(Writer& w, std::int64_t v) { w.int_be(static_cast<std::uint64_t>(v), 8); }

void put_partitions(Writer& w, const std::vector<TopicPartition>& parts) {
    put_i32(w, static_cast<std::int32_t>(parts.size()));
    for (const TopicPartition& tp : parts) {
        w.str(tp.topic);
        put_i32(w, tp.partition);
    }
}

void put_strings(Writer& w, const std::vector<std::string>& strings) {
    put_i32(w, static_cast<std::int32_t>(strings.size()));
    for (const std::string& s : strings) w.str(s);
}

std::optional<std::int32_t> get_i32(Reader& r) {
    const auto v = r.int_be(4);
    if (!v) return std::nullopt;
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(*v));
}

std::optional<std::int64_t> get_i64(Reader& r) {
    const auto v = r.int_be(8);
    if (!v) return std::nullopt;
    return static_cast<std::int64_t>(*v);
}

// A count read from the bytes is trusted only as far as the bytes go: each element takes at
// least two bytes, so a larger count is a broken record.
bool sane_count(std::int32_t n) { return n >= 0 && n <= 1 << 20; }

bool get_partitions(Reader& r, std::vector<TopicPartition>& out) {
    const auto n = get_i32(r);
    if (!n || !sane_count(*n)) return false;
    for (std::int32_t i = 0; i < *n; ++i) {
        auto topic = r.str();
        const auto p = get_i32(r);
        if (!topic || !p) return false;
        out.push_back(TopicPartition{std::move(*topic), *p});
    }
    return true;
}

bool get_strings(Reader& r, std::vector<std::string>& out) {
    const auto n = get_i32(r);
    if (!n || !sane_count(*n)) return false;
    for (std::int32_t i = 0; i < *n; ++i) {
        auto s = r.str();
        if (!s) return false;
        out.push_back(std::move(*s));
    }
    return true;
}

bool get_member(Reader& r, GroupMemberRecord& m) {
    auto id = r.str();
    const auto has_instance = r.int_be(1);
    if (!id || !has_instance) return false;
    m.member_id = std::move(*id);
    if (*has_instance != 0) {
        auto instance = r.str();
        if (!instance) return false;
        m.group_instance_id = std::move(*instance);
    }
    auto client = r.str();
    const auto rebalance = get_i64(r);
    const auto session = get_i64(r);
    if (!client || !rebalance || !session) return false;
    m.client_id = std::move(*client);
    m.rebalance_timeout_ms = *rebalance;
    m.session_timeout_ms = *session;
    if (!get_strings(r, m.protocols) || !get_strings(r, m.subscription.topics) ||
        !get_partitions(r, m.subscription.owned))
        return false;
    const auto generation = get_i32(r);
    if (!generation) return false;
    m.subscription.generation = GenerationId{*generation};
    return get_partitions(r, m.assignment);
}

}  // namespace

std::string encode_group_key(const std::string& group) {
    Writer w;
    w.int_be(static_cast<std::uint16_t>(group_metadata_key_version), 2);
    w.str(group);
    return w.take();
}

std::string encode_group_value(const GroupMetadataValue& value) {
    Writer w;
    w.int_be(static_cast<std::uint16_t>(group_value_version), 2);
    w.str(value.protocol_type);
    put_i32(w, value.generation.value);
    w.str(value.protocol_name);
    w.str(value.leader);
    put_i64(w, value.state_timestamp_ms);
    put_i32(w, static_cast<std::int32_t>(value.members.size()));
    for (const GroupMemberRecord& m : value.members) {
        w.str(m.member_id);
        w.int_be(m.group_instance_id ? 1 : 0, 1);
        if (m.group_instance_id) w.str(*m.group_instance_id);
        w.str(m.client_id);
        put_i64(w, m.rebalance_timeout_ms);
        put_i64(w, m.session_timeout_ms);
        put_strings(w, m.protocols);
        put_strings(w, m.subscription.topics);
        put_partitions(w, m.subscription.owned);
        put_i32(w, m.subscription.generation.value);
        put_partitions(w, m.assignment);
    }
    return w.take();
}

std::optional<std::string> decode_group_key(const std::string& bytes) {
    Reader r(bytes);
    const auto version = r.int_be(2);
    auto group = r.str();
    if (!version || *version != static_cast<std::uint16_t>(group_metadata_key_version) || !group || !r.done())
        return std::nullopt;
    return group;
}

std::optional<GroupMetadataValue> decode_group_value(const std::string& bytes) {
    Reader r(bytes);
    GroupMetadataValue v;
    const auto version = r.int_be(2);
    auto type = r.str();
    const auto generation = get_i32(r);
    auto protocol = r.str();
    auto leader = r.str();
    const auto timestamp = get_i64(r);
    const auto members = get_i32(r);
    if (!version || *version != static_cast<std::uint16_t>(group_value_version) || !type || !generation || !protocol ||
        !leader || !timestamp || !members || !sane_count(*members))
        return std::nullopt;
    v.protocol_type = std::move(*type);
    v.generation = GenerationId{*generation};
    v.protocol_name = std::move(*protocol);
    v.leader = std::move(*leader);
    v.state_timestamp_ms = *timestamp;
    for (std::int32_t i = 0; i < *members; ++i) {
        GroupMemberRecord m;
        if (!get_member(r, m)) return std::nullopt;
        v.members.push_back(std::move(m));
    }
    if (!r.done()) return std::nullopt;
    return v;
}

}  // namespace kafkasim::coordinator
