// Kafka's error codes, as values (style.md: operating errors are values). Names and codes
// follow org.apache.kafka.common.protocol.Errors; to_string gives Kafka's spelling, which
// traces, reports and scenario expectations use.
#pragma once

#include <cstdint>
#include <string_view>

namespace kafkasim {

enum class Errc : std::int16_t {
    unknown_server_error = -1,
    none = 0,
    offset_out_of_range = 1,
    corrupt_message = 2,
    unknown_topic_or_partition = 3,
    leader_not_available = 5,
    not_leader_or_follower = 6,
    request_timed_out = 7,
    broker_not_available = 8,
    replica_not_available = 9,
    network_exception = 13,
    coordinator_load_in_progress = 14,
    coordinator_not_available = 15,
    not_coordinator = 16,
    invalid_topic_exception = 17,
    not_enough_replicas = 19,
    not_enough_replicas_after_append = 20,
    invalid_required_acks = 21,
    illegal_generation = 22,
    inconsistent_group_protocol = 23,
    unknown_member_id = 25,
    invalid_session_timeout = 26,
    rebalance_in_progress = 27,
    topic_already_exists = 36,
    invalid_partitions = 37,
    invalid_replication_factor = 38,
    invalid_replica_assignment = 39,
    invalid_config = 40,
    invalid_request = 42,
    policy_violation = 44,
    out_of_order_sequence_number = 45,
    duplicate_sequence_number = 46,
    invalid_producer_epoch = 47,
    kafka_storage_error = 56,
    unknown_producer_id = 59,
    reassignment_in_progress = 60,
    member_id_required = 79,
    preferred_leader_not_available = 80,
    eligible_leaders_not_available = 83,
    election_not_needed = 84,
    no_reassignment_in_progress = 85,
    fenced_leader_epoch = 74,
    unknown_leader_epoch = 75,
    stale_broker_epoch = 77,
    offset_not_available = 78,
    fenced_instance_id = 82,
    group_max_size_reached = 81,
    producer_fenced = 90,
    invalid_update_version = 96,
    duplicate_broker_registration = 101,
    ineligible_replica = 107,
    new_leader_elected = 108,
};

// Kafka's name: "NOT_LEADER_OR_FOLLOWER".
std::string_view to_string(Errc e);

// Whether a client may retry the request (Kafka's RetriableException subclasses).
bool is_retriable(Errc e);

}  // namespace kafkasim
