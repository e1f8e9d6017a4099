#include "sim/broker/replica_manager.h"

#include <algorithm>

namespace kafkasim::broker {

struct ReplicaManager::DelayedProduce {
    std::int16_t acks = -1;
    ProduceResponse response;
    std::vector<Offset> required;       // per partition: the HW it waits for (acks=all), or -1
    std::vector<bool> written;          // per partition: the page-cache write completed (or failed)
    rpc::Reply reply;
    engine::TimerId timer;
    bool answered = false;
};

struct ReplicaManager::DelayedFetch {
    FetchRequest request;
    rpc::Reply reply;
    engine::TimerId timer;
    bool answered = false;
};

ReplicaManager::ReplicaManager(engine::Node& node, engine::Disk& disk, BrokerId self)
    : node_(node), disk_(disk), self_(self) {}

const Partition* ReplicaManager::partition(const TopicPartition& tp) const {
    const auto it = partitions_.find(tp);
    return it == partitions_.end() ? nullptr : it->second.get();
}

Partition* ReplicaManager::find(const TopicPartition& tp) {
    const auto it = partitions_.find(tp);
    return it == partitions_.end() ? nullptr : it->second.get();
}

void ReplicaManager::apply_metadata(const metadata::ClusterImage& image) {
    for (const auto& [name, topic] : image.topics()) {
        for (std::size_t i = 0; i < topic.partitions.size(); ++i) {
            const metadata::PartitionRegistration& reg = topic.partitions[i];
            const TopicPartition tp{name, static_cast<std::int32_t>(i)};
            Partition* p = find(tp);
            if (p == nullptr) {
                if (!reg.is_replica(self_)) continue;
                auto made = std::make_unique<Partition>(node_, disk_, tp, topic.config, self_);
                p = made.get();
                partitions_.emplace(tp, std::move(made));
            }
            p->apply(reg, topic.config);
        }
    }
    on_progress();
}

Errc ReplicaManager::leader_error(const TopicPartition& tp) const {
    const Partition* p = partition(tp);
    if (p == nullptr) return Errc::not_leader_or_follower;
    return p->is_leader() ? Errc::none : Errc::not_leader_or_follower;
}

// ---- Produce ---------------------------------------------------------------------------

void ReplicaManager::produce(ProduceRequest request, rpc::Reply reply) {
    auto op = std::make_shared<DelayedProduce>();
    op->acks = request.acks;
    op->reply = std::move(reply);
    op->required.assign(request.partitions.size(), Offset{-1});
    op->written.assign(request.partitions.size(), true);
    for (const auto& part : request.partitions)
        op->response.partitions.push_back({part.tp, Errc::none, Offset{-1}, Offset{-1}});
    for (std::size_t i = 0; i < request.partitions.size(); ++i)
        produce_one(op, i, std::move(request.partitions[i].batch));
    if (op->acks == -1) {
        op->timer = node_.set_timer(request.timeout, [this, op] { expire_produce(op); });
        waiting_produces_.push_back(op);
    }
    try_complete_produce(op);
}

void ReplicaManager::produce_one(const std::shared_ptr<DelayedProduce>& op, std::size_t index, RecordBatch batch) {
    ProduceResponse::Partition& out = op->response.partitions[index];
    if (op->acks != 0 && op->acks != 1 && op->acks != -1) {
        out.error = Errc::invalid_required_acks;
        return;
    }
    out.error = leader_error(out.tp);
    if (out.error != Errc::none) return;
    Partition& p = *find(out.tp);
    // acks=all is refused up front when the ISR is already too small (Partition.appendRecordsToLeader).
    if (op->acks == -1 && static_cast<std::int32_t>(p.isr().size()) < p.min_insync_replicas()) {
        out.error = Errc::not_enough_replicas;
        return;
    }
    op->written[index] = false;
    const log::AppendResult r = p.log().append_as_leader(
        std::move(batch), p.leader_epoch(), [this, op, index](Errc result) { on_append_written(op, index, result); });
    out.log_start_offset = p.log().log_start_offset();
    if (r.outcome != log::AppendOutcome::appended) {
        op->written[index] = true;
        out.error = r.error;
        out.base_offset = r.outcome == log::AppendOutcome::duplicate ? r.first_offset : Offset{-1};
        if (r.outcome == log::AppendOutcome::duplicate && op->acks == -1) op->required[index] = r.last_offset.next();
        return;
    }
    out.base_offset = r.first_offset;
    if (op->acks == -1) op->required[index] = r.last_offset.next();
    node_.trace("broker.append", {{"partition", out.tp.str()},
                                  {"base_offset", r.first_offset.value},
                                  {"last_offset", r.last_offset.value},
                                  {"leader_epoch", p.leader_epoch().value},
                                  {"acks", static_cast<std::int64_t>(op->acks)}});
    if (p.maybe_advance_high_watermark()) on_progress();
}

void ReplicaManager::on_append_written(const std::shared_ptr<DelayedProduce>& op, std::size_t index, Errc result) {
    op->written[index] = true;
    if (result != Errc::none) {
        op->response.partitions[index].error = result;
        op->required[index] = Offset{-1};
    }
    try_complete_produce(op);
}

void ReplicaManager::try_complete_produce(const std::shared_ptr<DelayedProduce>& op) {
    if (op->answered) return;
    for (std::size_t i = 0; i < op->written.size(); ++i) {
        if (!op->written[i]) return;
        const auto& out = op->response.partitions[i];
        if (op->required[i].value < 0 || out.error != Errc::none) continue;
        const Partition* p = partition(out.tp);
        if (p == nullptr || !p->is_leader()) {
            op->response.partitions[i].error = Errc::not_leader_or_follower;
            continue;
        }
        if (p->high_watermark() < op->required[i]) return;
    }
    op->answered = true;
    if (op->timer.valid()) node_.cancel_timer(op->timer);
    std::erase(waiting_produces_, op);
    op->reply(op->response);
}

void ReplicaManager::expire_produce(const std::shared_ptr<DelayedProduce>& op) {
    if (op->answered) return;
    for (std::size_t i = 0; i < op->required.size(); ++i) {
        auto& out = op->response.partitions[i];
        const Partition* p = partition(out.tp);
        if (op->required[i].value >= 0 && out.error == Errc::none && (p == nullptr || p->high_watermark() < op->required[i]))
            out.error = Errc::request_timed_out;
        op->written[i] = true;
    }
    op->timer = {};
    try_complete_produce(op);
}

// ---- Fetch -----------------------------------------------------------------------------

FetchResponse ReplicaManager::read_fetch(const FetchRequest& request, std::int64_t& bytes) {
    FetchResponse response;
    bytes = 0;
    const bool from_follower = request.replica_id != no_broker;
    for (const auto& want : request.partitions) {
        FetchResponse::Partition out;
        out.tp = want.tp;
        out.error = leader_error(want.tp);
        Partition* p = out.error == Errc::none ? find(want.tp) : nullptr;
        if (p != nullptr && want.current_leader_epoch.value >= 0 && want.current_leader_epoch != p->leader_epoch())
            out.error = want.current_leader_epoch < p->leader_epoch() ? Errc::fenced_leader_epoch : Errc::unknown_leader_epoch;
        if (out.error != Errc::none) {
            response.partitions.push_back(std::move(out));
            continue;
        }
        log::ReadRequest read;
        read.offset = want.fetch_offset;
        read.max_bytes = want.partition_max_bytes;
        read.isolation = from_follower ? log::FetchIsolation::log_end : log::FetchIsolation::high_watermark;
        log::ReadResult r = p->log().read(read);
        out.error = r.error;
        out.high_watermark = p->high_watermark();
        out.log_start_offset = p->log().log_start_offset();
        for (const RecordBatch& b : r.batches) bytes += b.size_bytes();
        out.batches = std::move(r.batches);
        response.partitions.push_back(std::move(out));
    }
    return response;
}

void ReplicaManager::fetch(FetchRequest request, rpc::Reply reply) {
    auto op = std::make_shared<DelayedFetch>();
    op->request = std::move(request);
    op->reply = std::move(reply);
    if (op->request.replica_id != no_broker) {
        // A follower's fetch reports its log end: the high watermark may move before we read.
        bool moved = false;
        for (const auto& want : op->request.partitions) {
            Partition* p = find(want.tp);
            if (p != nullptr && p->is_leader()) {
                p->record_follower_fetch(op->request.replica_id, want.fetch_offset);
                moved = p->maybe_advance_high_watermark() || moved;
            }
        }
        if (moved) on_progress();
    }
    try_complete_fetch(op, false);
    if (op->answered) return;
    op->timer = node_.set_timer(op->request.max_wait, [this, op] { try_complete_fetch(op, true); });
    waiting_fetches_.push_back(op);
}

void ReplicaManager::try_complete_fetch(const std::shared_ptr<DelayedFetch>& op, bool expired) {
    if (op->answered) return;
    std::int64_t bytes = 0;
    FetchResponse response = read_fetch(op->request, bytes);
    bool any_error = false;
    for (const auto& p : response.partitions) any_error = any_error || p.error != Errc::none;
    const bool enough = bytes >= op->request.min_bytes || op->request.max_wait <= engine::Duration::zero();
    if (!expired && !enough && !any_error) return;
    op->answered = true;
    if (op->timer.valid() && !expired) node_.cancel_timer(op->timer);
    std::erase(waiting_fetches_, op);
    op->reply(std::move(response));
}

// ---- ListOffsets -----------------------------------------------------------------------

ListOffsetsResponse ReplicaManager::list_offsets(const ListOffsetsRequest& request) const {
    ListOffsetsResponse response;
    for (const auto& want : request.partitions) {
        ListOffsetsResponse::Partition out{want.tp, leader_error(want.tp), Offset{-1}, LeaderEpoch{-1}};
        const Partition* p = out.error == Errc::none ? partition(want.tp) : nullptr;
        if (p != nullptr) {
            out.leader_epoch = p->leader_epoch();
            if (want.timestamp == ListOffsetsRequest::earliest) out.offset = p->log().log_start_offset();
            else if (want.timestamp == ListOffsetsRequest::latest) out.offset = p->high_watermark();
            else out.error = Errc::invalid_request;  // lookups by timestamp are not modelled
        }
        response.partitions.push_back(out);
    }
    return response;
}

// ---- Progress --------------------------------------------------------------------------

void ReplicaManager::on_progress() {
    // Copies: completing a request erases it from the list.
    const auto produces = waiting_produces_;
    for (const auto& op : produces) try_complete_produce(op);
    const auto fetches = waiting_fetches_;
    for (const auto& op : fetches) try_complete_fetch(op, false);
}

}  // namespace kafkasim::broker
