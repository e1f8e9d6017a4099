// Identifier types of the Kafka model. Each names one kind of thing and never mixes with
// another (style.md; Redpanda model/fundamental.h): an Offset is not a LeaderEpoch.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace kafkasim {

template <class Tag, class Rep>
struct StrongId {
    Rep value{};
    constexpr StrongId() = default;
    constexpr explicit StrongId(Rep v) : value(v) {}
    constexpr auto operator<=>(const StrongId&) const = default;
};

using BrokerId = StrongId<struct BrokerIdTag, std::int32_t>;
using BrokerEpoch = StrongId<struct BrokerEpochTag, std::int64_t>;  // the registration's metadata offset
using IncarnationId = StrongId<struct IncarnationIdTag, std::uint64_t>;
using PartitionEpoch = StrongId<struct PartitionEpochTag, std::int32_t>;
using ProducerId = StrongId<struct ProducerIdTag, std::int64_t>;
using ProducerEpoch = StrongId<struct ProducerEpochTag, std::int16_t>;
using Sequence = StrongId<struct SequenceTag, std::int32_t>;
using TopicId = StrongId<struct TopicIdTag, std::uint64_t>;
using CorrelationId = StrongId<struct CorrelationIdTag, std::int32_t>;
// A consumer group's generation (the classic protocol's generationId); -1 outside group
// management, as a standalone consumer commits.
using GenerationId = StrongId<struct GenerationIdTag, std::int32_t>;

// A position in a partition's log. Arithmetic is allowed: offsets count records.
struct Offset {
    std::int64_t value = 0;
    constexpr Offset() = default;
    constexpr explicit Offset(std::int64_t v) : value(v) {}
    constexpr auto operator<=>(const Offset&) const = default;
    constexpr Offset operator+(std::int64_t n) const { return Offset{value + n}; }
    constexpr Offset operator-(std::int64_t n) const { return Offset{value - n}; }
    constexpr std::int64_t operator-(Offset o) const { return value - o.value; }
    constexpr Offset next() const { return Offset{value + 1}; }
};

// A leader epoch counts leader changes of one partition (KIP-101); -1 means none yet.
struct LeaderEpoch {
    std::int32_t value = -1;
    constexpr LeaderEpoch() = default;
    constexpr explicit LeaderEpoch(std::int32_t v) : value(v) {}
    constexpr auto operator<=>(const LeaderEpoch&) const = default;
    constexpr LeaderEpoch next() const { return LeaderEpoch{value + 1}; }
};

constexpr BrokerId no_broker{-1};
constexpr ProducerId no_producer_id{-1};
constexpr ProducerEpoch no_producer_epoch{-1};
constexpr Sequence no_sequence{-1};
constexpr GenerationId no_generation{-1};

// "orders-0": a topic and a partition index, ordered by topic name then index.
struct TopicPartition {
    std::string topic;
    std::int32_t partition = 0;
    auto operator<=>(const TopicPartition&) const = default;
    std::string str() const { return topic + "-" + std::to_string(partition); }
};

}  // namespace kafkasim
