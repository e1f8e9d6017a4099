#include "sim/proto/envelope.h"

namespace kafkasim {

std::string_view api_name(const RequestBody& body) {
    struct Name {
        std::string_view operator()(const MetadataRequest&) const { return "Metadata"; }
        std::string_view operator()(const ProduceRequest&) const { return "Produce"; }
        std::string_view operator()(const FetchRequest&) const { return "Fetch"; }
        std::string_view operator()(const ListOffsetsRequest&) const { return "ListOffsets"; }
        std::string_view operator()(const BrokerRegistrationRequest&) const { return "BrokerRegistration"; }
        std::string_view operator()(const BrokerHeartbeatRequest&) const { return "BrokerHeartbeat"; }
        std::string_view operator()(const FetchMetadataRequest&) const { return "FetchMetadata"; }
        std::string_view operator()(const CreateTopicsRequest&) const { return "CreateTopics"; }
        std::string_view operator()(const CreatePartitionsRequest&) const { return "CreatePartitions"; }
        std::string_view operator()(const AllocateProducerIdsRequest&) const { return "AllocateProducerIds"; }
        std::string_view operator()(const AlterPartitionRequest&) const { return "AlterPartition"; }
        std::string_view operator()(const OffsetsForLeaderEpochRequest&) const { return "OffsetsForLeaderEpoch"; }
        std::string_view operator()(const ElectLeadersRequest&) const { return "ElectLeaders"; }
        std::string_view operator()(const AlterPartitionReassignmentsRequest&) const {
            return "AlterPartitionReassignments";
        }
        std::string_view operator()(const InitProducerIdRequest&) const { return "InitProducerId"; }
        std::string_view operator()(const FindCoordinatorRequest&) const { return "FindCoordinator"; }
        std::string_view operator()(const OffsetCommitRequest&) const { return "OffsetCommit"; }
        std::string_view operator()(const OffsetFetchRequest&) const { return "OffsetFetch"; }
        std::string_view operator()(const JoinGroupRequest&) const { return "JoinGroup"; }
        std::string_view operator()(const SyncGroupRequest&) const { return "SyncGroup"; }
        std::string_view operator()(const HeartbeatRequest&) const { return "Heartbeat"; }
        std::string_view operator()(const LeaveGroupRequest&) const { return "LeaveGroup"; }
    };
    return std::visit(Name{}, body);
}

}  // namespace kafkasim
