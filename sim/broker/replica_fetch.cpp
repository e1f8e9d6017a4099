// Fetch on the leader (Kafka's ReplicaManager.fetchMessages, DelayedFetch): consumers read
// below the high watermark, followers up to the log end. A follower's fetch first reports
// its log end offset, which can move the high watermark and the ISR. A follower whose last
// fetched epoch ends earlier on the leader gets a diverging epoch instead of records
// (KAFKA-10554), and truncates. Leader epochs in the request are checked: an older one is
// FENCED_LEADER_EPOCH, a newer one UNKNOWN_LEADER_EPOCH (this broker has not heard yet).
#include "sim/broker/replica_manager.h"

namespace kafkasim::broker {

struct ReplicaManager::DelayedFetch {
    FetchRequest request;
    rpc::Reply reply;
    engine::TimerId timer;
    bool answered = false;
};

void ReplicaManager::fetch(FetchRequest request, rpc::Reply reply) {
    auto op = std::make_shared<DelayedFetch>();
    op->request = std::move(request);
    op->reply = std::move(reply);
    if (op->request.replica_id != no_broker) record_follower_fetches(op->request);
    try_complete_fetch(op, false);
    if (op->answered) return;
    op->timer = node_.set_timer(op->request.max_wait, [this, op] { try_complete_fetch(op, true); });
    waiting_fetches_.push_back(op);
}

void ReplicaManager::record_follower_fetches(const FetchRequest& request) {
    bool moved = false;
    for (const auto& want : request.partitions) {
        Partition* p = find(want.tp);
        if (p == nullptr || !p->is_leader()) continue;
        if (want.current_leader_epoch.value >= 0 && want.current_leader_epoch != p->leader_epoch()) continue;
        p->on_follower_fetch(request.replica_id, request.replica_epoch, want.fetch_offset, node_.now());
        moved = p->maybe_advance_high_watermark(node_.now()) || moved;
        maybe_expand_isr(*p);
    }
    if (moved) on_progress();
}

FetchResponse::Partition ReplicaManager::read_partition(const FetchRequest& request, const FetchRequest::Partition& want,
                                                        std::int64_t& bytes) {
    FetchResponse::Partition out;
    out.tp = want.tp;
    out.error = leader_error(want.tp);
    Partition* p = out.error == Errc::none ? find(want.tp) : nullptr;
    if (p != nullptr && want.current_leader_epoch.value >= 0 && want.current_leader_epoch != p->leader_epoch())
        out.error = want.current_leader_epoch < p->leader_epoch() ? Errc::fenced_leader_epoch : Errc::unknown_leader_epoch;
    if (out.error != Errc::none) return out;
    const bool from_follower = request.replica_id != no_broker;
    out.high_watermark = p->high_watermark();
    out.log_start_offset = p->log().log_start_offset();
    if (from_follower && want.last_fetched_epoch.value >= 0) {
        const auto [epoch, end] = p->log().end_offset_for_epoch(want.last_fetched_epoch);
        if (end.value >= 0 && (epoch < want.last_fetched_epoch || end < want.fetch_offset)) {
            out.diverging_epoch = FetchResponse::DivergingEpoch{epoch, end};
            return out;
        }
    }
    log::ReadRequest read;
    read.offset = want.fetch_offset;
    read.max_bytes = want.partition_max_bytes;
    read.isolation = from_follower ? log::FetchIsolation::log_end : log::FetchIsolation::high_watermark;
    log::ReadResult r = p->log().read_encoded(read);
    out.error = r.error;
    for (const engine::Block& b : r.encoded) bytes += static_cast<std::int64_t>(b.size());
    out.records = std::move(r.encoded);
    return out;
}

FetchResponse ReplicaManager::read_fetch(const FetchRequest& request, std::int64_t& bytes) {
    FetchResponse response;
    bytes = 0;
    for (const auto& want : request.partitions) response.partitions.push_back(read_partition(request, want, bytes));
    return response;
}

void ReplicaManager::try_complete_fetch(const std::shared_ptr<DelayedFetch>& op, bool expired) {
    if (op->answered) return;
    std::int64_t bytes = 0;
    FetchResponse response = read_fetch(op->request, bytes);
    bool urgent = false;  // errors and divergences are answered at once
    for (const auto& p : response.partitions) urgent = urgent || p.error != Errc::none || p.diverging_epoch.has_value();
    const bool enough = bytes >= op->request.min_bytes || op->request.max_wait <= engine::Duration::zero();
    if (!expired && !enough && !urgent) return;
    op->answered = true;
    if (op->timer.valid() && !expired) node_.cancel_timer(op->timer);
    std::erase(waiting_fetches_, op);
    op->reply(std::move(response));
}

}  // namespace kafkasim::broker
