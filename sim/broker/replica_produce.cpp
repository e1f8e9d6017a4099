// Produce on the leader (Kafka's ReplicaManager.appendRecords, Partition.appendRecordsToLeader,
// DelayedProduce; kafka-semantics.md §d "acks and min.insync.replicas"):
//   - acks=0 and acks=1 are answered once the leader's own write completed;
//   - acks=all is refused with NOT_ENOUGH_REPLICAS before appending when the ISR is smaller
//     than min.insync.replicas; otherwise it waits until the high watermark passes the batch,
//     then answers NONE, or NOT_ENOUGH_REPLICAS_AFTER_APPEND if the maximal ISR has meanwhile
//     shrunk below min.insync.replicas, or REQUEST_TIMED_OUT after the request's timeout.
//     min.insync.replicas is capped at the replication factor here as for the high watermark
//     (Kafka 3.7+ effectiveMinIsr): a topic asking for more replicas than it has still takes
//     writes once every replica is in sync.
// Kafka sends no answer to acks=0; kafkasim answers anyway, and the producer does not wait
// for it (docs/fidelity.md).
#include <algorithm>

#include "sim/broker/replica_manager.h"

namespace kafkasim::broker {

struct ReplicaManager::DelayedProduce {
    std::int16_t acks = -1;
    ProduceResponse response;
    std::vector<Offset> required;  // per partition: the high watermark it waits for (acks=all), or -1
    std::vector<bool> written;     // per partition: the leader's write completed (or failed)
    rpc::Reply reply;
    engine::TimerId timer;
    bool answered = false;
};

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
    on_progress();  // followers waiting for data, and this request itself
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
    if (op->acks == -1 && p.under_min_isr()) {
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
    // Kafka wakes a partition's waiting fetches after every append to it (LeaderHwChange SAME
    // or INCREASED): followers read up to the new log end, consumers if the high watermark moved.
    fetches_.touch(out.tp);
    node_.trace("broker.append", {{"partition", out.tp.str()},
                                  {"base_offset", r.first_offset.value},
                                  {"last_offset", r.last_offset.value},
                                  {"leader_epoch", p.leader_epoch().value},
                                  {"acks", static_cast<std::int64_t>(op->acks)}});
    p.maybe_advance_high_watermark(node_.now());
}

void ReplicaManager::on_append_written(const std::shared_ptr<DelayedProduce>& op, std::size_t index, Errc result) {
    if (op->answered) return;  // expired before the write completed: its answer is gone (moved out)
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
        auto& out = op->response.partitions[i];
        if (op->required[i].value < 0 || out.error != Errc::none) continue;
        const Partition* p = partition(out.tp);
        if (p == nullptr || !p->is_leader()) {
            out.error = Errc::not_leader_or_follower;
            continue;
        }
        if (p->high_watermark() < op->required[i]) return;
        // Partition.checkEnoughReplicasReachOffset: the data is replicated, but to fewer
        // replicas than min.insync.replicas promises (counted in the maximal ISR).
        if (p->maximal_isr_size() < p->effective_min_isr())
            out.error = Errc::not_enough_replicas_after_append;
    }
    op->answered = true;
    if (op->timer.valid()) node_.cancel_timer(op->timer);
    std::erase(waiting_produces_, op);
    op->reply(std::move(op->response));  // answered: nothing reads it again
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

}  // namespace kafkasim::broker
