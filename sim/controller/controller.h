// Controller: the active controller of a KRaft cluster, as one node (design.md allows a single
// controller instead of a quorum), after QuorumController
// (metadata/src/main/java/org/apache/kafka/controller/QuorumController.java): a process that
// answers brokers' and admins' requests one event at a time, writes every decision as records
// to its metadata log (metadata_log.h), applies them to its ClusterImage at once, and answers a
// request only once the records it wrote — and every record before them — are committed.
//
// It serves BrokerRegistration, BrokerHeartbeat, FetchMetadata (the KRaft Fetch of the log),
// CreateTopics, CreatePartitions, AllocateProducerIds, AlterPartition, ElectLeaders and
// AlterPartitionReassignments, fences a broker whose session lapses (broker_sessions.h), and
// runs the periodic preferred-leader and unclean elections (elections.h). What each decides is
// in cluster_control.h, broker_fencing.h, topic_creation.h, producer_ids.h, alter_partition.h,
// elections.h and reassignment.h; docs/controller.md tells the whole story and what differs
// from KRaft.
//
// A crash or power loss loses the process; a restart rebuilds the image, the next topic id and
// the producer-id counter from the metadata log alone, syncs once, then starts serving: requests
// that arrive before wait. Broker sessions start afresh from the restart.
#pragma once

#include <deque>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/net/network.h"
#include "engine/random.h"
#include "sim/controller/broker_sessions.h"
#include "sim/controller/controller_config.h"
#include "sim/controller/metadata_log.h"
#include "sim/metadata/cluster_image.h"
#include "sim/rpc/rpc_server.h"

namespace kafkasim::controller {

class Controller : public engine::Process {
public:
    // Recovers from `disk` at once and listens on `node`. `disk` is the node's own disk.
    Controller(engine::Node& node, engine::Network& network, engine::Disk& disk, ControllerConfig config = {});

    // Views for tests and observers; nothing in a run may read them to decide anything.
    // The image holds every record written, committed or not.
    const metadata::ClusterImage& image() const { return image_; }
    Offset committed_end() const { return log_.committed_end(); }
    Offset log_end() const { return log_.end(); }
    bool ready() const { return ready_; }
    const MetadataLog& metadata_log() const { return log_; }

private:
    void on_request(rpc::RequestContext context, rpc::Reply reply);
    void serve(rpc::RequestContext context, rpc::Reply reply);
    void serve(const BrokerRegistrationRequest& request, rpc::Reply reply);
    void serve(const BrokerHeartbeatRequest& request, rpc::Reply reply);
    void serve(const FetchMetadataRequest& request, rpc::Reply reply);
    void serve(const CreateTopicsRequest& request, rpc::Reply reply);
    void serve(const CreatePartitionsRequest& request, rpc::Reply reply);
    void serve(const AllocateProducerIdsRequest& request, rpc::Reply reply);
    void serve(const AlterPartitionRequest& request, rpc::Reply reply);
    void serve(const ElectLeadersRequest& request, rpc::Reply reply);
    void serve(const AlterPartitionReassignmentsRequest& request, rpc::Reply reply);

    // QuorumController.maybeScheduleNextBalancePartitionLeaders / …ElectUncleanLeaders: after
    // every write, arm the periodic elections if there is work for them and they are not armed.
    void schedule_elections();
    void run_balance();
    void run_unclean_elections();

    // Appends `records` as one batch, applies them to the image and traces them.
    void write(std::vector<MetadataRecord> records, std::string_view reason);
    // Sends `body` once everything written so far is committed.
    void reply_when_committed(rpc::Reply reply, ResponseBody body);

    void on_commit(Offset committed_end);
    void on_recovered();
    void on_session_expired(BrokerId broker);
    void on_disk_failure(engine::DiskStatus status);
    bool session_valid(BrokerId broker) const;

    engine::Node& node_;
    ControllerConfig config_;
    engine::Random placement_random_;
    metadata::ClusterImage image_;
    MetadataLog log_;
    MetadataLog::Recovery recovery_;
    BrokerSessions sessions_;
    TopicId next_topic_id_{1};
    bool ready_ = false;
    bool halted_ = false;
    bool balance_scheduled_ = false;
    bool unclean_scheduled_ = false;
    // Answers waiting for the commit of the log end they were given at (non-decreasing).
    std::deque<std::pair<Offset, std::function<void()>>> waiting_;
    // Requests that arrived before recovery ended, in arrival order.
    std::deque<std::pair<rpc::RequestContext, rpc::Reply>> parked_;
    rpc::RpcServer server_;  // last: it listens from its construction on
};

}  // namespace kafkasim::controller
