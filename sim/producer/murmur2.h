// Kafka's key hash: Utils.murmur2(byte[]) and Utils.toPositive, and the key partition of
// BuiltInPartitioner.partitionForKey (kafka-semantics.md §a). Bit-exact with Kafka: the same key
// bytes give the same partition as the Java producer.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace kafkasim::producer {

// Utils.murmur2 on the serialized key bytes, as Java's signed int.
std::int32_t murmur2(std::span<const std::uint8_t> bytes);
std::int32_t murmur2(std::string_view bytes);

// Utils.toPositive: clears the sign bit (not abs: -1 gives 2147483647).
constexpr std::int32_t to_positive(std::int32_t x) { return x & 0x7fffffff; }

// toPositive(murmur2(key)) % num_partitions, num_partitions counting ALL partitions of the
// topic, with or without a leader. num_partitions > 0.
std::int32_t partition_for_key(std::string_view key_bytes, std::int32_t num_partitions);

}  // namespace kafkasim::producer
