// Fetch on the leader (Kafka's ReplicaManager.fetchMessages, DelayedFetch): consumers read
// below the high watermark, followers up to the log end. Leader epochs in the request are
// checked: an older one is FENCED_LEADER_EPOCH, a newer one UNKNOWN_LEADER_EPOCH (this broker
// has not heard yet). A follower whose last fetched epoch ends earlier on the leader gets a
// diverging epoch instead of records (KAFKA-10554), and truncates; an offset outside the
// leader's log is OFFSET_OUT_OF_RANGE.
// A follower's fetch also reports its log end offset, which can move the high watermark and
// the ISR, but only a fetch that passes every one of those checks does (Partition.fetchRecords
// updates the follower's state only after a read without error or diverging epoch): a
// returning old leader fetching at its stale log end has not caught up, and counting it would
// let it join the ISR on the very answer that tells it to truncate (issue 27).
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
        const FetchResponse::Partition checked = check_fetch(request, want);
        if (checked.error != Errc::none || checked.diverging_epoch) continue;
        Partition* p = find(want.tp);
        p->on_follower_fetch(request.replica_id, request.replica_epoch, want.fetch_offset, node_.now());
        moved = p->maybe_advance_high_watermark(node_.now()) || moved;
        maybe_expand_isr(*p);
    }
    if (moved) on_progress();
}

FetchResponse::Partition ReplicaManager::check_fetch(const FetchRequest& request,
                                                    const FetchRequest::Partition& want) const {
    // Partition.readRecords, in its order: leadership and the leader epoch, then the follower's
    // last fetched epoch, then the offset range.
    FetchResponse::Partition out;
    out.tp = want.tp;
    out.error = leader_error(want.tp);
    const Partition* p = out.error == Errc::none ? partition(want.tp) : nullptr;
    if (p != nullptr && want.current_leader_epoch.value >= 0 && want.current_leader_epoch != p->leader_epoch())
        out.error = want.current_leader_epoch < p->leader_epoch() ? Errc::fenced_leader_epoch : Errc::unknown_leader_epoch;
    if (p != nullptr && p->log().offline()) out.error = Errc::kafka_storage_error;
    if (out.error != Errc::none) return out;
    out.high_watermark = p->high_watermark();
    out.log_start_offset = p->log().log_start_offset();
    const bool out_of_range =
        want.fetch_offset < p->log().log_start_offset() || want.fetch_offset > p->log().log_end_offset();
    if (request.replica_id != no_broker && want.last_fetched_epoch.value >= 0) {
        const auto [epoch, end] = p->log().end_offset_for_epoch(want.last_fetched_epoch);
        // An epoch the leader cannot place, or an offset below its log start, is out of range
        // whether or not the epochs diverge.
        if (end.value < 0 || epoch.value < 0 || want.fetch_offset < p->log().log_start_offset()) {
            out.error = Errc::offset_out_of_range;
            return out;
        }
        if (epoch < want.last_fetched_epoch || end < want.fetch_offset) {
            out.diverging_epoch = FetchResponse::DivergingEpoch{epoch, end};
            return out;
        }
    }
    if (out_of_range) out.error = Errc::offset_out_of_range;
    return out;
}

FetchResponse::Partition ReplicaManager::read_partition(const FetchRequest& request, const FetchRequest::Partition& want,
                                                        std::int64_t& bytes) {
    FetchResponse::Partition out = check_fetch(request, want);
    if (out.error != Errc::none || out.diverging_epoch) return out;
    const bool from_follower = request.replica_id != no_broker;
    Partition* p = find(want.tp);
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
