// Broker: the process of one Kafka broker. It registers with the controller and heartbeats
// (lifecycle.h), replays the metadata log it fetches (metadata_follower.h), keeps its
// partition replicas in line with it (replica_manager.h), and answers clients' Metadata,
// Produce, Fetch, ListOffsets and InitProducerId requests (producer_id_manager.h), and as a
// group coordinator FindCoordinator, OffsetCommit and OffsetFetch (sim/coordinator/). Everything it knows after a restart comes from its
// own disk (the partition logs) and from the controller (the metadata). Until the controller
// says it has caught up with the metadata log it neither takes partition roles nor serves.
#pragma once

#include <memory>

#include "engine/disk/disk.h"
#include "engine/net/network.h"
#include "sim/broker/broker_config.h"
#include "sim/broker/lifecycle.h"
#include "sim/broker/metadata_follower.h"
#include "sim/broker/producer_id_manager.h"
#include "sim/broker/replica_manager.h"
#include "sim/coordinator/group_coordinator.h"
#include "sim/rpc/rpc_client.h"
#include "sim/rpc/rpc_server.h"

namespace kafkasim::broker {

class Broker : public engine::Process {
public:
    Broker(engine::Node& node, engine::Network& network, engine::Disk& disk, BrokerConfig config);

    // Views for tests and observers; nothing in a run may read them to decide anything.
    const BrokerConfig& config() const { return config_; }
    const BrokerLifecycle& lifecycle() const { return lifecycle_; }
    const metadata::ClusterImage& image() const { return metadata_.image(); }
    const ReplicaManager& replicas() const { return replicas_; }
    const coordinator::GroupCoordinator& group_coordinator() const { return coordinator_; }

private:
    void on_request(rpc::RequestContext context, rpc::Reply reply);
    void on_caught_up();
    static IncarnationId fresh_incarnation(engine::Node& node);

    engine::Node& node_;
    BrokerConfig config_;
    rpc::RpcClient controller_rpc_;
    ReplicaManager replicas_;
    MetadataFollower metadata_;
    BrokerLifecycle lifecycle_;
    ProducerIdManager producer_ids_;
    coordinator::GroupCoordinator coordinator_;
    engine::Network& network_;
    // Listening starts at the initial catch-up, as Kafka's BrokerServer enables request
    // processing only then: before, connections are refused.
    std::unique_ptr<rpc::RpcServer> server_;
};

}  // namespace kafkasim::broker
