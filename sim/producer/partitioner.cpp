// KafkaProducer.partition() (kafka-semantics.md §a, "What KafkaProducer.partition() does").
#include "sim/producer/partitioner.h"

#include <type_traits>
#include <utility>

#include "sim/producer/murmur2.h"

namespace kafkasim::producer {

namespace {

PartitionChoice checked(std::int32_t partition, PartitionSource source, const TopicPartitions& partitions) {
    const bool invalid = partition < 0 || partition >= partitions.count;
    return {partition, source, invalid};
}

}  // namespace

Partitioner::Partitioner(PartitionerConfig config, engine::Random& random)
    : config_(std::move(config)), sticky_(random, config_.batch_size) {}

std::int32_t Partitioner::custom_partition(std::string_view topic, const ProducerRecordView& record,
                                           const TopicPartitions& partitions) {
    return std::visit(
        [&](const auto& custom) -> std::int32_t {
            using T = std::decay_t<decltype(custom)>;
            if constexpr (std::is_same_v<T, FieldPartitioner>) {
                std::string_view value;
                if (record.fields != nullptr) {
                    const auto it = record.fields->find(custom.field);
                    if (it != record.fields->end()) value = it->second;
                }
                return partition_for_key(value, partitions.count);
            } else if constexpr (std::is_same_v<T, MapPartitioner>) {
                if (!record.key) return custom.default_partition;
                const auto it = custom.partitions.find(*record.key);
                return it == custom.partitions.end() ? custom.default_partition : it->second;
            } else {
                return round_robin_.partition(topic, partitions);
            }
        },
        *config_.custom);
}

PartitionChoice Partitioner::partition(std::string_view topic, const ProducerRecordView& record,
                                       const TopicPartitions& partitions) {
    if (record.partition) return checked(*record.partition, PartitionSource::explicit_partition, partitions);
    if (config_.custom)
        return checked(custom_partition(topic, record, partitions), PartitionSource::custom, partitions);
    if (record.key && config_.ignore_keys == IgnoreKeys::no)
        return {partition_for_key(*record.key, partitions.count), PartitionSource::key_hash, false};
    return {sticky_.partition(topic, partitions), PartitionSource::sticky, false};
}

void Partitioner::record_appended(std::string_view topic, const PartitionChoice& choice,
                                  const TopicPartitions& partitions, std::int32_t bytes) {
    if (choice.source == PartitionSource::sticky && !choice.invalid)
        sticky_.record_appended(topic, partitions, bytes);
}

}  // namespace kafkasim::producer
