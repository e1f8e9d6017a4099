// ISR changes proposed by a partition leader (Kafka's Partition.maybeShrinkIsr and
// maybeExpandIsr, sent with AlterPartition, KIP-497; broker epochs per member, KIP-903):
//   - expand: a follower whose log end reached the high watermark and the start of the
//     current leader epoch, on an eligible (unfenced) broker, joins;
//   - shrink: every replica.lag.time.max.ms / 2, ISR followers not caught up within
//     replica.lag.time.max.ms leave.
// One change per partition is in flight at a time; until it is answered the high watermark
// waits for the larger of the two ISRs (the maximal ISR).
#include <algorithm>

#include "sim/broker/replica_manager.h"

namespace kafkasim::broker {

void ReplicaManager::maybe_expand_isr(Partition& p) {
    const std::optional<BrokerId> joining = p.follower_to_add();
    if (!joining) return;
    std::vector<BrokerId> isr = p.isr();
    isr.push_back(*joining);
    send_isr_change(p, std::move(isr), "expand");
}

void ReplicaManager::shrink_isr_tick() {
    for (auto& [tp, p] : partitions_) {
        const std::vector<BrokerId> lagging = p->followers_to_remove(node_.now());
        if (lagging.empty()) continue;
        std::vector<BrokerId> isr = p->isr();
        std::erase_if(isr, [&](BrokerId b) { return std::find(lagging.begin(), lagging.end(), b) != lagging.end(); });
        send_isr_change(*p, std::move(isr), "shrink");
    }
    node_.set_timer(config_.replica_lag_time_max / 2, [this] { shrink_isr_tick(); });
}

void ReplicaManager::send_isr_change(Partition& p, std::vector<BrokerId> new_isr, std::string_view reason) {
    AlterPartitionRequest request;
    request.broker = config_.id;
    request.broker_epoch = broker_epoch_();
    AlterPartitionRequest::Partition part{p.tp(), p.leader_epoch(), p.partition_epoch(), {}};
    for (BrokerId b : new_isr)
        part.new_isr.push_back({b, b == config_.id ? request.broker_epoch : p.follower_epoch(b)});
    request.partitions.push_back(std::move(part));
    node_.trace("partition.alter_isr", {{"partition", p.tp().str()},
                                         {"reason", reason},
                                         {"from_size", static_cast<std::int64_t>(p.isr().size())},
                                         {"to_size", static_cast<std::int64_t>(new_isr.size())}});
    p.begin_isr_change(std::move(new_isr));
    const TopicPartition tp = p.tp();
    controller_.send(config_.controller, std::move(request), config_.controller_request_timeout,
                     [this, tp](rpc::RpcResult r) { on_isr_answer(tp, std::move(r)); });
}

void ReplicaManager::on_isr_answer(const TopicPartition& tp, rpc::RpcResult result) {
    Partition* p = find(tp);
    if (p == nullptr) return;
    const auto* response = result.ok() ? std::get_if<AlterPartitionResponse>(&result.body) : nullptr;
    std::optional<std::pair<std::vector<BrokerId>, PartitionEpoch>> accepted;
    if (response != nullptr && response->error == Errc::none) {
        for (const auto& part : response->partitions)
            if (part.tp == tp && part.error == Errc::none) accepted.emplace(part.isr, part.partition_epoch);
    }
    p->end_isr_change(std::move(accepted));
    if (p->maybe_advance_high_watermark(node_.now())) fetches_.touch(tp);
    on_progress();  // a new high watermark or ISR decides waiting acks=all requests
}

}  // namespace kafkasim::broker
