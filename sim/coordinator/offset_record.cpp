#include "sim/coordinator/offset_record.h"

#include "sim/coordinator/record_codec.h"

namespace kafkasim::coordinator {

namespace {

// Kafka's OffsetCommitValue version 3 carries the leader epoch and no expire timestamp.
constexpr std::int16_t offset_commit_value_version = 3;

}  // namespace

std::string encode_key(const OffsetCommitKey& key) {
    Writer w;
    w.int_be(static_cast<std::uint16_t>(offset_commit_key_version), 2);
    w.str(key.group);
    w.str(key.tp.topic);
    w.int_be(static_cast<std::uint32_t>(key.tp.partition), 4);
    return w.take();
}

std::string encode_value(const OffsetCommitValue& value) {
    Writer w;
    w.int_be(static_cast<std::uint16_t>(offset_commit_value_version), 2);
    w.int_be(static_cast<std::uint64_t>(value.offset.value), 8);
    w.int_be(static_cast<std::uint32_t>(value.leader_epoch.value), 4);
    w.str(value.metadata);
    w.int_be(static_cast<std::uint64_t>(value.commit_timestamp_ms), 8);
    return w.take();
}

std::optional<std::int16_t> key_version(const std::string& bytes) {
    Reader r(bytes);
    const auto v = r.int_be(2);
    if (!v) return std::nullopt;
    return static_cast<std::int16_t>(*v);
}

std::optional<OffsetCommitKey> decode_key(const std::string& bytes) {
    Reader r(bytes);
    const auto version = r.int_be(2);
    auto group = r.str();
    auto topic = r.str();
    const auto partition = r.int_be(4);
    if (!version || *version != static_cast<std::uint16_t>(offset_commit_key_version) || !group || !topic ||
        !partition || !r.done())
        return std::nullopt;
    return OffsetCommitKey{std::move(*group), TopicPartition{std::move(*topic), static_cast<std::int32_t>(*partition)}};
}

std::optional<OffsetCommitValue> decode_value(const std::string& bytes) {
    Reader r(bytes);
    const auto version = r.int_be(2);
    const auto offset = r.int_be(8);
    const auto epoch = r.int_be(4);
    auto metadata = r.str();
    const auto timestamp = r.int_be(8);
    if (!version || *version != static_cast<std::uint16_t>(offset_commit_value_version) || !offset || !epoch ||
        !metadata || !timestamp || !r.done())
        return std::nullopt;
    return OffsetCommitValue{Offset{static_cast<std::int64_t>(*offset)},
                             LeaderEpoch{static_cast<std::int32_t>(static_cast<std::uint32_t>(*epoch))},
                             std::move(*metadata), static_cast<std::int64_t>(*timestamp)};
}

}  // namespace kafkasim::coordinator
