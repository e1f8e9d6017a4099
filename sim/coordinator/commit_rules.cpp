#include "sim/coordinator/commit_rules.h"

namespace kafkasim::coordinator {

Errc validate_standalone_commit(const OffsetCommitRequest& request) {
    if (request.generation.value >= 0) return Errc::illegal_generation;
    if (!request.member_id.empty()) return Errc::unknown_member_id;
    return Errc::none;
}

Errc commit_error_from_append(Errc append_error) {
    switch (append_error) {
        case Errc::unknown_topic_or_partition:
        case Errc::not_enough_replicas:
        case Errc::not_enough_replicas_after_append:  // the Scala coordinator's mapping
        case Errc::request_timed_out:
            return Errc::coordinator_not_available;
        case Errc::not_leader_or_follower:
        case Errc::kafka_storage_error:
            return Errc::not_coordinator;
        case Errc::network_exception:
            return Errc::coordinator_load_in_progress;
        default:
            return append_error;
    }
}

Errc group_error_from_append(Errc append_error) {
    if (append_error == Errc::request_timed_out) return Errc::rebalance_in_progress;
    return commit_error_from_append(append_error);
}

}  // namespace kafkasim::coordinator
