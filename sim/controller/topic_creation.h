// CreateTopics and CreatePartitions, after KRaft's ReplicationControlManager (createTopics,
// createTopic, createPartitions, validateManualPartitionAssignment), one topic per request:
// - a topic gets a TopicRecord, then one PartitionRecord per partition: the replicas placed
//   by placement.h or given as `replica_assignment`, the ISR = the replicas that are unfenced,
//   the leader = the first of them, leader and partition epoch 0;
// - the checks and their errors come in Kafka's order: the name (INVALID_TOPIC_EXCEPTION),
//   an existing topic (TOPIC_ALREADY_EXISTS) or one whose name collides in '.' / '_'
//   (INVALID_TOPIC_EXCEPTION), the configs (INVALID_CONFIG), then either the manual assignment
//   (INVALID_REQUEST with a partition count or factor beside it, INVALID_REPLICA_ASSIGNMENT) or
//   the factor (INVALID_REPLICATION_FACTOR) and count (INVALID_PARTITIONS);
// - adding partitions keeps the topic's replication factor (that of partition 0) and must
//   raise the count (INVALID_PARTITIONS).
// Topic ids are handed in: Kafka draws a random UUID, kafkasim counts (controller.h).
#pragma once

#include <optional>
#include <string>

#include "engine/random.h"
#include "sim/controller/controller_config.h"
#include "sim/controller/controller_result.h"
#include "sim/metadata/cluster_image.h"
#include "sim/proto/controller_messages.h"

namespace kafkasim::controller {

ControllerResult create_topic(const metadata::ClusterImage& image, const CreateTopicsRequest& request,
                              const ControllerConfig& config, TopicId id, engine::Random& placement_random);

// validateManualPartitionAssignment: non-empty, registered brokers, each once, and as many
// replicas as the other partitions (when `replication_factor` is given). Returns Kafka's
// message for a bad one.
std::optional<std::string> check_manual(const metadata::ClusterImage& image, const std::vector<BrokerId>& replicas,
                                        std::optional<std::size_t> replication_factor);

ControllerResult create_partitions(const metadata::ClusterImage& image, const CreatePartitionsRequest& request,
                                   engine::Random& placement_random);

}  // namespace kafkasim::controller
