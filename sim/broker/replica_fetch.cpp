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
//
// A fetch is answered at once (ReplicaManager.fetchMessages) when it waits for nothing
// (fetch.max.wait.ms 0, no partitions), when what it read reaches fetch.min.bytes, or on an
// error or a diverging epoch. Otherwise it waits in the purgatory, watched under its
// partitions (fetch_purgatory.h), until DelayedFetch.tryComplete finds it ready or it expires.
#include <algorithm>

#include "sim/broker/replica_manager.h"

namespace kafkasim::broker {

void ReplicaManager::fetch(FetchRequest request, rpc::Reply reply) {
    auto op = std::make_shared<DelayedFetch>();
    op->request = std::move(request);
    op->reply = std::move(reply);
    if (op->request.replica_id != no_broker) record_follower_fetches(op->request);
    std::int64_t bytes = 0;
    FetchResponse response = read_fetch(op->request, bytes);
    bool urgent = op->request.max_wait <= engine::Duration::zero() || op->request.partitions.empty();
    for (const auto& p : response.partitions) urgent = urgent || p.error != Errc::none || p.diverging_epoch.has_value();
    // tryCompleteElseWatch tries once more before watching; nothing moved since the read, so
    // its answer is that read.
    if (urgent || bytes >= op->request.min_bytes || delayed_fetch_ready(op->request)) {
        op->answered = true;
        op->reply(std::move(response));
        return;
    }
    fetches_.watch(op);
    op->timer = node_.set_timer(op->request.max_wait, [this, op] {
        op->timer = {};
        answer_fetch(op);
    });
}

void ReplicaManager::record_follower_fetches(const FetchRequest& request) {
    bool moved = false;
    for (const auto& want : request.partitions) {
        Partition* p = find(want.tp);
        const FetchResponse::Partition checked = check_fetch(request, want, p);
        if (checked.error != Errc::none || checked.diverging_epoch) continue;
        p->on_follower_fetch(request.replica_id, request.replica_epoch, want.fetch_offset, node_.now());
        // Partition.updateFollowerFetchState: a high watermark moved by a follower's fetch
        // wakes the partition's waiting fetches.
        if (p->maybe_advance_high_watermark(node_.now())) {
            fetches_.touch(want.tp);
            moved = true;
        }
        maybe_expand_isr(*p);
    }
    if (moved) on_progress();
}

FetchResponse::Partition ReplicaManager::check_fetch(const FetchRequest& request, const FetchRequest::Partition& want,
                                                    const Partition* p) const {
    // Partition.readRecords, in its order: leadership and the leader epoch, then the follower's
    // last fetched epoch, then the offset range.
    FetchResponse::Partition out;
    if (p == nullptr || !p->is_leader()) {
        out.error = Errc::not_leader_or_follower;
        return out;
    }
    if (want.current_leader_epoch.value >= 0 && want.current_leader_epoch != p->leader_epoch())
        out.error = want.current_leader_epoch < p->leader_epoch() ? Errc::fenced_leader_epoch : Errc::unknown_leader_epoch;
    if (p->log().offline()) out.error = Errc::kafka_storage_error;
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
    Partition* p = find(want.tp);
    FetchResponse::Partition out = check_fetch(request, want, p);
    out.tp = want.tp;
    if (out.error != Errc::none || out.diverging_epoch) return out;
    const bool from_follower = request.replica_id != no_broker;
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

bool ReplicaManager::delayed_fetch_ready(const FetchRequest& request) const {
    // DelayedFetch.tryComplete, case by case.
    const bool from_follower = request.replica_id != no_broker;
    std::int64_t accumulated = 0;
    for (const auto& want : request.partitions) {
        // A: no longer the leader; B, C: no longer a replica; D: offline; E: fenced epoch;
        // H: a diverging epoch; and an offset the leader no longer holds.
        const Partition* p = partition(want.tp);
        const FetchResponse::Partition checked = check_fetch(request, want, p);
        if (checked.error != Errc::none || checked.diverging_epoch) return true;
        const log::PartitionLog& log = p->log();
        const Offset end = from_follower ? log.log_end_offset() : log.high_watermark();
        // F: the offset is past the end (a consumer ahead of a new leader's high watermark), or
        // on an older segment than the end (everything up to that segment's end is readable).
        if (want.fetch_offset > end) return true;
        if (want.fetch_offset == end) continue;
        const log::OffsetPosition from = log.offset_position(want.fetch_offset);
        const log::OffsetPosition to = log.offset_position(end);
        if (from.segment_base < to.segment_base) return true;
        // G: the bytes between the two positions, at most the partition's max bytes, add up
        // over the partitions to fetch.min.bytes.
        accumulated += std::min<std::int64_t>(to.position - from.position, want.partition_max_bytes);
        if (accumulated >= request.min_bytes) return true;  // what follows cannot undo it
    }
    return accumulated >= request.min_bytes;
}

void ReplicaManager::answer_fetch(const std::shared_ptr<DelayedFetch>& op) {
    if (op->answered) return;
    op->answered = true;
    if (op->timer.valid()) node_.cancel_timer(op->timer);
    fetches_.forget(*op);
    std::int64_t bytes = 0;
    op->reply(read_fetch(op->request, bytes));
}

}  // namespace kafkasim::broker
