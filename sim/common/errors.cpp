#include "sim/common/errors.h"

namespace kafkasim {

std::string_view to_string(Errc e) {
    switch (e) {
        case Errc::unknown_server_error: return "UNKNOWN_SERVER_ERROR";
        case Errc::none: return "NONE";
        case Errc::offset_out_of_range: return "OFFSET_OUT_OF_RANGE";
        case Errc::corrupt_message: return "CORRUPT_MESSAGE";
        case Errc::unknown_topic_or_partition: return "UNKNOWN_TOPIC_OR_PARTITION";
        case Errc::leader_not_available: return "LEADER_NOT_AVAILABLE";
        case Errc::not_leader_or_follower: return "NOT_LEADER_OR_FOLLOWER";
        case Errc::request_timed_out: return "REQUEST_TIMED_OUT";
        case Errc::broker_not_available: return "BROKER_NOT_AVAILABLE";
        case Errc::replica_not_available: return "REPLICA_NOT_AVAILABLE";
        case Errc::network_exception: return "NETWORK_EXCEPTION";
        case Errc::coordinator_load_in_progress: return "COORDINATOR_LOAD_IN_PROGRESS";
        case Errc::coordinator_not_available: return "COORDINATOR_NOT_AVAILABLE";
        case Errc::not_coordinator: return "NOT_COORDINATOR";
        case Errc::invalid_topic_exception: return "INVALID_TOPIC_EXCEPTION";
        case Errc::not_enough_replicas: return "NOT_ENOUGH_REPLICAS";
        case Errc::not_enough_replicas_after_append: return "NOT_ENOUGH_REPLICAS_AFTER_APPEND";
        case Errc::invalid_required_acks: return "INVALID_REQUIRED_ACKS";
        case Errc::illegal_generation: return "ILLEGAL_GENERATION";
        case Errc::inconsistent_group_protocol: return "INCONSISTENT_GROUP_PROTOCOL";
        case Errc::unknown_member_id: return "UNKNOWN_MEMBER_ID";
        case Errc::invalid_session_timeout: return "INVALID_SESSION_TIMEOUT";
        case Errc::rebalance_in_progress: return "REBALANCE_IN_PROGRESS";
        case Errc::topic_already_exists: return "TOPIC_ALREADY_EXISTS";
        case Errc::invalid_partitions: return "INVALID_PARTITIONS";
        case Errc::invalid_replication_factor: return "INVALID_REPLICATION_FACTOR";
        case Errc::invalid_replica_assignment: return "INVALID_REPLICA_ASSIGNMENT";
        case Errc::invalid_config: return "INVALID_CONFIG";
        case Errc::invalid_request: return "INVALID_REQUEST";
        case Errc::policy_violation: return "POLICY_VIOLATION";
        case Errc::out_of_order_sequence_number: return "OUT_OF_ORDER_SEQUENCE_NUMBER";
        case Errc::duplicate_sequence_number: return "DUPLICATE_SEQUENCE_NUMBER";
        case Errc::invalid_producer_epoch: return "INVALID_PRODUCER_EPOCH";
        case Errc::kafka_storage_error: return "KAFKA_STORAGE_ERROR";
        case Errc::unknown_producer_id: return "UNKNOWN_PRODUCER_ID";
        case Errc::reassignment_in_progress: return "REASSIGNMENT_IN_PROGRESS";
        case Errc::member_id_required: return "MEMBER_ID_REQUIRED";
        case Errc::preferred_leader_not_available: return "PREFERRED_LEADER_NOT_AVAILABLE";
        case Errc::eligible_leaders_not_available: return "ELIGIBLE_LEADERS_NOT_AVAILABLE";
        case Errc::election_not_needed: return "ELECTION_NOT_NEEDED";
        case Errc::no_reassignment_in_progress: return "NO_REASSIGNMENT_IN_PROGRESS";
        case Errc::fenced_leader_epoch: return "FENCED_LEADER_EPOCH";
        case Errc::unknown_leader_epoch: return "UNKNOWN_LEADER_EPOCH";
        case Errc::stale_broker_epoch: return "STALE_BROKER_EPOCH";
        case Errc::offset_not_available: return "OFFSET_NOT_AVAILABLE";
        case Errc::fenced_instance_id: return "FENCED_INSTANCE_ID";
        case Errc::group_max_size_reached: return "GROUP_MAX_SIZE_REACHED";
        case Errc::producer_fenced: return "PRODUCER_FENCED";
        case Errc::invalid_update_version: return "INVALID_UPDATE_VERSION";
        case Errc::duplicate_broker_registration: return "DUPLICATE_BROKER_REGISTRATION";
        case Errc::ineligible_replica: return "INELIGIBLE_REPLICA";
        case Errc::new_leader_elected: return "NEW_LEADER_ELECTED";
    }
    return "UNKNOWN_SERVER_ERROR";
}

bool is_retriable(Errc e) {
    switch (e) {
        case Errc::corrupt_message:
        case Errc::unknown_topic_or_partition:
        case Errc::leader_not_available:
        case Errc::not_leader_or_follower:
        case Errc::request_timed_out:
        case Errc::network_exception:
        case Errc::coordinator_load_in_progress:
        case Errc::coordinator_not_available:
        case Errc::not_coordinator:
        case Errc::not_enough_replicas:
        case Errc::not_enough_replicas_after_append:
        case Errc::kafka_storage_error:
        case Errc::fenced_leader_epoch:
        case Errc::unknown_leader_epoch:
        case Errc::offset_not_available:
        case Errc::preferred_leader_not_available:  // InvalidMetadataException, as the next three
        case Errc::eligible_leaders_not_available:
        case Errc::election_not_needed:
        case Errc::out_of_order_sequence_number:  // retriable for an idempotent producer (KIP-360)
            return true;
        default:
            return false;
    }
}

}  // namespace kafkasim
