// Envelope: what travels on a connection. A Request carries a correlation id that its
// Response echoes, as in Kafka's protocol, so a client can match answers with requests on
// one connection. Each later part of the model adds its RPCs to these variants.
#pragma once

#include <string_view>
#include <variant>

#include "sim/proto/client_messages.h"
#include "sim/proto/controller_messages.h"
#include "sim/proto/coordinator_messages.h"
#include "sim/proto/group_messages.h"
#include "sim/proto/replication_messages.h"

namespace kafkasim {

using RequestBody = std::variant<MetadataRequest, ProduceRequest, FetchRequest, ListOffsetsRequest,
                                 BrokerRegistrationRequest, BrokerHeartbeatRequest, FetchMetadataRequest,
                                 CreateTopicsRequest, CreatePartitionsRequest, AllocateProducerIdsRequest,
                                 AlterPartitionRequest, OffsetsForLeaderEpochRequest, ElectLeadersRequest,
                                 AlterPartitionReassignmentsRequest, InitProducerIdRequest, FindCoordinatorRequest,
                                 OffsetCommitRequest, OffsetFetchRequest, JoinGroupRequest, SyncGroupRequest,
                                 HeartbeatRequest, LeaveGroupRequest>;

using ResponseBody = std::variant<MetadataResponse, ProduceResponse, FetchResponse, ListOffsetsResponse,
                                  BrokerRegistrationResponse, BrokerHeartbeatResponse, FetchMetadataResponse,
                                  CreateTopicsResponse, CreatePartitionsResponse, AllocateProducerIdsResponse,
                                  AlterPartitionResponse, OffsetsForLeaderEpochResponse, ElectLeadersResponse,
                                  AlterPartitionReassignmentsResponse, InitProducerIdResponse, FindCoordinatorResponse,
                                  OffsetCommitResponse, OffsetFetchResponse, JoinGroupResponse, SyncGroupResponse,
                                  HeartbeatResponse, LeaveGroupResponse>;

struct Request {
    CorrelationId correlation_id;
    RequestBody body;
};

struct Response {
    CorrelationId correlation_id;
    ResponseBody body;
};

// Kafka's API name of a request: "Produce", "Fetch", "BrokerHeartbeat", …
std::string_view api_name(const RequestBody& body);

}  // namespace kafkasim
