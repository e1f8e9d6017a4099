// The producer's choice of partition for one record, in KafkaProducer.partition()'s order
// (kafka-semantics.md §a): an explicit partition; else the custom partitioner (partitioner.class);
// else murmur2 of the key unless partitioner.ignore.keys; else the uniform sticky partitioner.
// Pure: the caller hands in the topic's partition count and which partitions have a leader.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "engine/random.h"
#include "sim/producer/round_robin_partitioner.h"
#include "sim/producer/sticky_partitioner.h"
#include "sim/producer/topic_partitions.h"

namespace kafkasim::producer {

// A record's payload as named fields (the "field" partitioner reads one).
using PayloadFields = std::map<std::string, std::string, std::less<>>;

// What the partitioner reads of a record, borrowed from it for the call (no copy per record).
struct ProducerRecordView {
    std::optional<std::int32_t> partition;   // ProducerRecord.partition
    std::optional<std::string_view> key;     // serialized key bytes; nullopt is a null key
    const PayloadFields* fields = nullptr;   // null: no named fields
};

// Custom partitioners by name. "field": murmur2 of the named field's value bytes modulo the
// partition count (a missing field hashes as zero bytes). "map": a fixed key -> partition map;
// null or unmapped keys go to default_partition. "roundrobin": RoundRobinPartitioner.
struct FieldPartitioner {
    std::string field;
};
struct MapPartitioner {
    std::map<std::string, std::int32_t, std::less<>> partitions;
    std::int32_t default_partition = 0;
};
struct RoundRobin {};
using CustomPartitioner = std::variant<FieldPartitioner, MapPartitioner, RoundRobin>;

enum class IgnoreKeys { no, yes };

struct PartitionerConfig {
    std::int32_t batch_size = 16384;           // bytes (batch.size)
    IgnoreKeys ignore_keys = IgnoreKeys::no;   // partitioner.ignore.keys
    std::optional<CustomPartitioner> custom;   // partitioner.class; absent: the built-in one
};

enum class PartitionSource { explicit_partition, custom, key_hash, sticky };

struct PartitionChoice {
    std::int32_t partition = -1;
    PartitionSource source = PartitionSource::sticky;
    bool invalid = false;  // an explicit or custom partition outside [0, count): Kafka rejects the record
};

class Partitioner {
public:
    // `random` is this producer's stream; it must outlive the partitioner.
    Partitioner(PartitionerConfig config, engine::Random& random);

    PartitionChoice partition(std::string_view topic, const ProducerRecordView& record,
                              const TopicPartitions& partitions);

    // The record chosen by `choice` was appended with `bytes`; only sticky choices count
    // towards the sticky partitioner's switch (as in KafkaProducer.doSend).
    void record_appended(std::string_view topic, const PartitionChoice& choice,
                         const TopicPartitions& partitions, std::int32_t bytes);

private:
    std::int32_t custom_partition(std::string_view topic, const ProducerRecordView& record,
                                  const TopicPartitions& partitions);

    PartitionerConfig config_;
    StickyPartitioner sticky_;
    RoundRobinPartitioner round_robin_;
};

}  // namespace kafkasim::producer
