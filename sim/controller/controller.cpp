#include "sim/controller/controller.h"

#include <algorithm>
#include <string>

#include "engine/assert.h"
#include "sim/controller/alter_partition.h"
#include "sim/controller/broker_fencing.h"
#include "sim/controller/cluster_control.h"
#include "sim/controller/controller_trace.h"
#include "sim/controller/elections.h"
#include "sim/controller/producer_ids.h"
#include "sim/controller/reassignment.h"
#include "sim/controller/topic_creation.h"

namespace kafkasim::controller {

namespace {

engine::Random placement_stream(engine::Node& node) {
    // Its own stream, and a new one at each start: a restarted controller does not replay the
    // placements of its earlier life.
    return node.sim().random_stream(node.name()).split("controller.placement/" + std::to_string(node.incarnation()));
}

}  // namespace

Controller::Controller(engine::Node& node, engine::Network& network, engine::Disk& disk, ControllerConfig config)
    : node_(node),
      config_(std::move(config)),
      placement_random_(placement_stream(node)),
      log_(disk, [this](Offset end) { on_commit(end); },
           [this](engine::DiskStatus status) { on_disk_failure(status); }),
      sessions_(node, config_.broker_session_timeout, [this](BrokerId b) { on_session_expired(b); }),
      server_(node, network, [this](rpc::RequestContext c, rpc::Reply r) { on_request(std::move(c), std::move(r)); }) {
    recovery_ = log_.recover();
    for (const MetadataEntry& e : log_.entries()) {
        image_.apply(e);
        if (const auto* t = std::get_if<TopicRecord>(&e.record))
            next_topic_id_ = std::max(next_topic_id_, TopicId{t->id.value + 1});
    }
}

void Controller::on_request(rpc::RequestContext context, rpc::Reply reply) {
    if (halted_) return;
    if (!ready_) {
        parked_.emplace_back(std::move(context), std::move(reply));
        return;
    }
    serve(std::move(context), std::move(reply));
}

void Controller::serve(rpc::RequestContext context, rpc::Reply reply) {
    std::visit(
        [this, &reply, &context](const auto& request) {
            using T = std::decay_t<decltype(request)>;
            if constexpr (std::is_same_v<T, BrokerRegistrationRequest> || std::is_same_v<T, BrokerHeartbeatRequest> ||
                          std::is_same_v<T, FetchMetadataRequest> || std::is_same_v<T, CreateTopicsRequest> ||
                          std::is_same_v<T, CreatePartitionsRequest> || std::is_same_v<T, AllocateProducerIdsRequest> ||
                          std::is_same_v<T, AlterPartitionRequest> || std::is_same_v<T, ElectLeadersRequest> ||
                          std::is_same_v<T, AlterPartitionReassignmentsRequest>) {
                serve(request, std::move(reply));
            } else {
                // A client's request sent to the controller: Kafka's controller listener does not
                // serve it. It stays unanswered; the sender's timeout closes the connection.
                node_.trace("controller.unsupported",
                            {{"api", api_name(context.body)}, {"from", context.from.value}});
            }
        },
        context.body);
}

void Controller::serve(const BrokerRegistrationRequest& request, rpc::Reply reply) {
    // legacy_hw: a bounce before the session lapses goes unnoticed (design.md's one exception).
    const bool legacy = config_.replication_truncation == ReplicationTruncation::legacy_hw;
    RegistrationResult r = register_broker(image_, request, session_valid(request.broker), log_.end(), legacy);
    if (!r.result.ok()) {
        node_.trace("controller.register_refused", {{"broker", request.broker.value},
                                                    {"incarnation", engine::hex16(request.incarnation.value)},
                                                    {"error", to_string(r.result.error)}});
        reply_when_committed(std::move(reply), BrokerRegistrationResponse{r.result.error, BrokerEpoch{-1}});
        return;
    }
    if (!r.result.records.empty()) write(std::move(r.result.records), "registration");
    sessions_.touch(request.broker);
    reply_when_committed(std::move(reply), BrokerRegistrationResponse{Errc::none, r.epoch});
}

void Controller::serve(const BrokerHeartbeatRequest& request, rpc::Reply reply) {
    if (const Errc e = check_broker_epoch(image_, request.broker, request.epoch); e != Errc::none) {
        node_.trace("controller.stale_epoch",
                    {{"broker", request.broker.value}, {"api", "BrokerHeartbeat"}, {"broker_epoch", request.epoch.value}});
        reply_when_committed(std::move(reply), BrokerHeartbeatResponse{e, false, true});
        return;
    }
    sessions_.touch(request.broker);
    HeartbeatResult h = process_heartbeat(image_, request);
    if (!h.result.records.empty()) write(std::move(h.result.records), h.fenced ? "fence_requested" : "broker_unfenced");
    reply_when_committed(std::move(reply), BrokerHeartbeatResponse{Errc::none, h.caught_up, h.fenced});
}

void Controller::serve(const FetchMetadataRequest& request, rpc::Reply reply) {
    // Only committed records leave the controller, and they can be served at once.
    FetchMetadataResponse response;
    response.high_watermark = log_.committed_end();
    if (request.fetch_offset.value < 0 || request.fetch_offset > log_.committed_end()) {
        response.error = Errc::offset_out_of_range;
    } else {
        const auto entries = log_.committed_from(request.fetch_offset, request.max_records);
        response.entries.assign(entries.begin(), entries.end());
    }
    reply(std::move(response));
}

void Controller::serve(const CreateTopicsRequest& request, rpc::Reply reply) {
    ControllerResult r = create_topic(image_, request, config_, next_topic_id_, placement_random_);
    if (!r.ok()) {
        node_.trace("controller.create_topic_failed",
                    {{"topic", request.name}, {"error", to_string(r.error)}, {"message", r.message}});
        reply_when_committed(std::move(reply), CreateTopicsResponse{r.error, r.message});
        return;
    }
    const TopicId id = next_topic_id_;
    next_topic_id_ = TopicId{id.value + 1};
    // The request first, then its records (controller.partition for each partition).
    const auto& first = std::get<PartitionRecord>(r.records.at(1));
    node_.trace("controller.create_topic", {{"topic", request.name},
                                            {"topic_id", id.value},
                                            {"partitions", static_cast<std::int64_t>(r.records.size() - 1)},
                                            {"replication_factor", static_cast<std::int64_t>(first.replicas.size())}});
    write(std::move(r.records), "create_topic");
    reply_when_committed(std::move(reply), CreateTopicsResponse{Errc::none, {}});
}

void Controller::serve(const CreatePartitionsRequest& request, rpc::Reply reply) {
    ControllerResult r = create_partitions(image_, request, placement_random_);
    if (!r.ok()) {
        node_.trace("controller.create_partitions_failed",
                    {{"topic", request.topic}, {"error", to_string(r.error)}, {"message", r.message}});
        reply_when_committed(std::move(reply), CreatePartitionsResponse{r.error, r.message});
        return;
    }
    node_.trace("controller.create_partitions", {{"topic", request.topic}, {"count", request.count}});
    write(std::move(r.records), "create_partitions");
    reply_when_committed(std::move(reply), CreatePartitionsResponse{Errc::none, {}});
}

void Controller::serve(const AllocateProducerIdsRequest& request, rpc::Reply reply) {
    if (const Errc e = check_broker_epoch(image_, request.broker, request.epoch); e != Errc::none) {
        node_.trace("controller.stale_epoch", {{"broker", request.broker.value},
                                               {"api", "AllocateProducerIds"},
                                               {"broker_epoch", request.epoch.value}});
        reply_when_committed(std::move(reply), AllocateProducerIdsResponse{e, ProducerId{-1}, 0});
        return;
    }
    ProducerIdBlock block = allocate_producer_ids(image_, request.broker, request.epoch);
    if (!block.result.ok()) {
        reply_when_committed(std::move(reply), AllocateProducerIdsResponse{block.result.error, ProducerId{-1}, 0});
        return;
    }
    write(std::move(block.result.records), "allocate_producer_ids");
    reply_when_committed(std::move(reply), AllocateProducerIdsResponse{Errc::none, block.first, block.count});
}

void Controller::serve(const AlterPartitionRequest& request, rpc::Reply reply) {
    AlterPartitionResult r = alter_partition(image_, request);
    if (r.response.error != Errc::none) {
        node_.trace("controller.stale_epoch", {{"broker", request.broker.value},
                                               {"api", "AlterPartition"},
                                               {"broker_epoch", request.broker_epoch.value}});
        reply_when_committed(std::move(reply), std::move(r.response));
        return;
    }
    // The request first, one record per partition, then the ISR changes it writes.
    for (std::size_t i = 0; i < request.partitions.size(); ++i) {
        const AlterPartitionRequest::Partition& asked = request.partitions[i];
        const metadata::PartitionRegistration* current = image_.partition(asked.tp);
        std::vector<BrokerId> to;
        for (const auto& m : asked.new_isr) to.push_back(m.broker);
        node_.trace("controller.alter_partition",
                    {{"broker", request.broker.value},
                     {"topic", asked.tp.topic},
                     {"partition", asked.tp.partition},
                     {"from_isr", current != nullptr ? broker_list(current->isr) : std::string()},
                     {"to_isr", broker_list(to)},
                     {"error", to_string(r.response.partitions.at(i).error)}});
    }
    if (!r.records.empty()) write(std::move(r.records), "alter_partition");
    reply_when_committed(std::move(reply), std::move(r.response));
}

void Controller::serve(const ElectLeadersRequest& request, rpc::Reply reply) {
    ElectLeadersResult r = elect_leaders(image_, request);
    node_.trace("controller.elect_leaders",
                {{"type", request.type == ElectionType::preferred ? "preferred" : "unclean"},
                 {"partitions", static_cast<std::int64_t>(r.response.partitions.size())},
                 {"elected", static_cast<std::int64_t>(r.records.size())}});
    if (!r.records.empty())
        write(std::move(r.records), request.type == ElectionType::preferred ? "preferred_election" : "unclean_election");
    reply_when_committed(std::move(reply), std::move(r.response));
}

void Controller::serve(const AlterPartitionReassignmentsRequest& request, rpc::Reply reply) {
    ReassignmentResult r = alter_partition_reassignments(image_, request);
    for (const auto& p : r.response.partitions) {
        std::string target;
        for (const auto& want : request.partitions)
            if (want.tp == p.tp) target = want.replicas ? broker_list(*want.replicas) : "cancel";
        node_.trace("controller.reassign", {{"topic", p.tp.topic},
                                            {"partition", p.tp.partition},
                                            {"target", target},
                                            {"error", to_string(p.error)}});
    }
    if (!r.records.empty()) write(std::move(r.records), "reassignment");
    reply_when_committed(std::move(reply), std::move(r.response));
}

void Controller::write(std::vector<MetadataRecord> records, std::string_view reason) {
    const Offset base = log_.append(std::move(records));
    for (auto i = static_cast<std::size_t>(base.value); i < log_.entries().size(); ++i) {
        const MetadataEntry& entry = log_.entries()[i];
        image_.apply(entry);
        trace_entry(node_, image_, entry, reason);
    }
    schedule_elections();
}

void Controller::schedule_elections() {
    if (!ready_ || halted_) return;
    if (config_.auto_leader_rebalance_enable && !balance_scheduled_ && any_imbalanced(image_)) {
        balance_scheduled_ = true;
        node_.set_timer(config_.leader_imbalance_check_interval, [this] { run_balance(); });
    }
    if (!unclean_scheduled_ && any_leaderless(image_)) {
        unclean_scheduled_ = true;
        node_.set_timer(config_.unclean_leader_election_check_interval, [this] { run_unclean_elections(); });
    }
}

void Controller::run_balance() {
    balance_scheduled_ = false;
    if (halted_) return;
    std::vector<MetadataRecord> records = balance_leaders_records(image_);
    if (!records.empty()) write(std::move(records), "preferred_election");
    else schedule_elections();
}

void Controller::run_unclean_elections() {
    unclean_scheduled_ = false;
    if (halted_) return;
    std::vector<MetadataRecord> records = unclean_leaders_records(image_);
    if (!records.empty()) write(std::move(records), "unclean_election");
    else schedule_elections();
}

void Controller::reply_when_committed(rpc::Reply reply, ResponseBody body) {
    const Offset needed = log_.end();
    if (log_.committed_end() >= needed) {
        reply(std::move(body));
        return;
    }
    waiting_.emplace_back(needed, [r = std::move(reply), b = std::move(body)]() mutable { r(std::move(b)); });
}

void Controller::on_commit(Offset committed_end) {
    if (!ready_) {
        on_recovered();
        return;
    }
    while (!waiting_.empty() && waiting_.front().first <= committed_end) {
        std::function<void()> send = std::move(waiting_.front().second);
        waiting_.pop_front();
        send();
    }
}

void Controller::on_recovered() {
    ready_ = true;
    node_.trace("controller.recover", {{"records", recovery_.records},
                                       {"batches", recovery_.batches},
                                       {"committed_end", log_.committed_end().value},
                                       {"truncated_bytes", recovery_.truncated_bytes},
                                       {"fresh", recovery_.created}});
    // As a newly active KRaft controller does: every unfenced broker gets a full session from now.
    for (const auto& [id, broker] : image_.brokers())
        if (!broker.fenced) sessions_.touch(id);
    schedule_elections();
    std::deque<std::pair<rpc::RequestContext, rpc::Reply>> parked = std::move(parked_);
    parked_.clear();
    for (auto& [context, reply] : parked) {
        if (halted_) return;
        serve(std::move(context), std::move(reply));
    }
}

void Controller::on_session_expired(BrokerId broker) {
    if (halted_ || !is_active(image_, broker)) return;  // a fenced broker has no session to lose
    write(fence_broker_records(image_, broker), "session_timeout");
}

bool Controller::session_valid(BrokerId broker) const {
    return is_active(image_, broker) && sessions_.recently_heard(broker);
}

void Controller::on_disk_failure(engine::DiskStatus status) {
    // KRaft treats a failed write to the metadata log as fatal and halts the process: it can no
    // longer tell what is durable. The crash comes as its own event, outside this callback.
    halted_ = true;
    node_.trace("controller.fatal", {{"error", engine::to_string(status)}});
    engine::Node& node = node_;
    node_.set_timer(engine::Duration::zero(), [&node] { node.crash(); });
}

}  // namespace kafkasim::controller
