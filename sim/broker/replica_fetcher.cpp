#include "sim/broker/replica_fetcher.h"

#include <algorithm>

#include "sim/log/batch_codec.h"

namespace kafkasim::broker {

ReplicaFetcher::ReplicaFetcher(engine::Node& node, engine::Network& network, const BrokerConfig& config, Hooks hooks)
    : node_(node), rpc_(node, network), config_(config), hooks_(std::move(hooks)) {}

void ReplicaFetcher::follow(const TopicPartition& tp, BrokerId leader) {
    const auto it = leader_of_.find(tp);
    if (it != leader_of_.end() && it->second == leader) {
        maybe_fetch(leader);
        return;
    }
    unfollow(tp);
    leader_of_[tp] = leader;
    sources_[leader].partitions.insert(tp);
    maybe_fetch(leader);
}

void ReplicaFetcher::unfollow(const TopicPartition& tp) {
    const auto it = leader_of_.find(tp);
    if (it == leader_of_.end()) return;
    sources_[it->second].partitions.erase(tp);
    leader_of_.erase(it);
    pending_writes_.erase(tp);
}

bool ReplicaFetcher::writes_pending(const Source& source) const {
    for (const TopicPartition& tp : source.partitions)
        if (pending_writes_.contains(tp)) return true;
    return false;
}

void ReplicaFetcher::on_write_done(const TopicPartition& tp) {
    const auto it = pending_writes_.find(tp);
    if (it == pending_writes_.end() || --it->second > 0) return;
    pending_writes_.erase(it);
    const auto leader = leader_of_.find(tp);
    if (leader != leader_of_.end()) maybe_fetch(leader->second);
}

void ReplicaFetcher::maybe_fetch(BrokerId leader) {
    Source& source = sources_[leader];
    if (source.in_flight || source.backing_off || source.partitions.empty() || writes_pending(source)) return;
    const engine::NodeId target = hooks_.node_of(leader);
    if (target.is_none()) {
        back_off(leader);
        return;
    }
    FetchRequest request;
    request.replica_id = config_.id;
    request.replica_epoch = hooks_.broker_epoch();
    request.max_wait = config_.replica_fetch_wait_max;
    request.min_bytes = config_.replica_fetch_min_bytes;
    for (const TopicPartition& tp : source.partitions) {
        Partition* p = hooks_.find(tp);
        if (p == nullptr) continue;
        // legacy_hw: fetch as followers did before KIP-101, with no epoch to check divergence by.
        const LeaderEpoch last_fetched = config_.replication_truncation == ReplicationTruncation::legacy_hw
                                             ? LeaderEpoch{-1}
                                             : p->log().latest_epoch();
        request.partitions.push_back(
            {tp, p->log().log_end_offset(), p->leader_epoch(), last_fetched, config_.replica_fetch_max_bytes});
    }
    source.in_flight = true;
    // The answer may take max_wait on the leader: allow for it on top of the request timeout.
    // One copy goes out, the request itself moves into the callback (not a second copy).
    RequestBody body = request;
    rpc_.send(target, std::move(body), config_.replica_fetch_timeout + config_.replica_fetch_wait_max,
              [this, leader, sent = std::move(request)](rpc::RpcResult r) { on_response(leader, sent, std::move(r)); });
}

void ReplicaFetcher::on_response(BrokerId leader, const FetchRequest& sent, rpc::RpcResult result) {
    Source& source = sources_[leader];
    source.in_flight = false;
    const auto* response = result.ok() ? std::get_if<FetchResponse>(&result.body) : nullptr;
    if (response == nullptr) {
        back_off(leader);
        return;
    }
    bool healthy = true;
    for (std::size_t i = 0; i < response->partitions.size() && i < sent.partitions.size(); ++i)
        healthy = process(leader, sent.partitions[i], response->partitions[i]) && healthy;
    hooks_.progressed();
    if (healthy) maybe_fetch(leader);
    else back_off(leader);
}

bool ReplicaFetcher::process(BrokerId leader, const FetchRequest::Partition& sent, const FetchResponse::Partition& got) {
    const auto it = leader_of_.find(sent.tp);
    Partition* p = hooks_.find(sent.tp);
    // Answers for partitions we stopped following, or from an older epoch, are stale.
    if (it == leader_of_.end() || it->second != leader || p == nullptr || p->role() != Role::follower ||
        p->leader_epoch() != sent.current_leader_epoch)
        return true;
    if (got.error == Errc::offset_out_of_range) {
        // Behind the leader's log start: start over there. Past its end (possible only when
        // the leader lost data): truncate to the leader's high watermark and fetch again.
        const bool behind = sent.fetch_offset < got.log_start_offset;
        const Offset to = behind ? got.log_start_offset
                                 : std::min(p->log().log_end_offset(), std::max(got.high_watermark, Offset{0}));
        node_.trace("replica.out_of_range",
                    {{"partition", sent.tp.str()}, {"fetch_offset", sent.fetch_offset.value}, {"to", to.value}});
        if (behind) p->log().truncate_fully_and_start_at(to);
        else p->log().truncate_to(to);
        return true;
    }
    if (got.error != Errc::none) return false;  // NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH, …: wait for metadata
    if (got.diverging_epoch) {
        truncate_on_divergence(*p, *got.diverging_epoch);
        return true;
    }
    for (const engine::Block& batch : got.records) {
        const log::DecodedHeader h = log::decode_batch_header(batch.span());
        if (h.error == log::DecodeError::none && h.header.next_offset() <= p->log().log_end_offset()) continue;  // already have it
        const TopicPartition tp = sent.tp;
        const log::AppendResult r = p->log().append_as_follower(batch, [this, tp](Errc) { on_write_done(tp); });
        if (r.outcome == log::AppendOutcome::rejected) return false;
        if (r.outcome == log::AppendOutcome::appended) ++pending_writes_[tp];
    }
    // ReplicaFetcherThread.completeDelayedFetchRequests: a new high watermark on a follower
    // wakes the fetches waiting on it.
    if (p->update_follower_high_watermark(got.high_watermark)) hooks_.high_watermark_moved(sent.tp);
    return true;
}

TruncationTarget truncation_on_divergence(const TruncationInput& in) {
    const auto [our_epoch, our_end] = in.ours;
    // A leader never sends an undefined divergence (it answers OFFSET_OUT_OF_RANGE): fall back
    // to the high watermark, the rule before KIP-101.
    if (in.leader.epoch.value < 0 || in.leader.end_offset.value < 0) return {std::min(in.log_end, in.high_watermark)};
    if (our_epoch == in.leader.epoch) return {std::min({our_end, in.leader.end_offset, in.log_end})};
    if (our_epoch.value >= 0 && our_end.value >= 0) return {std::min(our_end, in.log_end), false};
    // No epoch of ours at or below the leader's: the leader's epoch is older than anything we
    // hold, so everything past its end offset is ours alone (post-KIP-101, pre-KIP-279 rule).
    return {std::min(in.leader.end_offset, in.log_end)};
}

void ReplicaFetcher::truncate_on_divergence(Partition& p, const FetchResponse::DivergingEpoch& diverging) {
    const Offset leo = p.log().log_end_offset();
    const Offset target =
        truncation_on_divergence({p.log().end_offset_for_epoch(diverging.epoch), leo, p.high_watermark(), diverging}).offset;
    node_.trace("replica.truncate", {{"partition", p.tp().str()},
                                      {"from", leo.value},
                                      {"to", target.value},
                                      {"leader_epoch", diverging.epoch.value},
                                      {"leader_end_offset", diverging.end_offset.value}});
    p.log().truncate_to(target);
}

void ReplicaFetcher::back_off(BrokerId leader) {
    Source& source = sources_[leader];
    if (source.backing_off) return;
    source.backing_off = true;
    node_.set_timer(config_.replica_fetch_backoff, [this, leader] {
        sources_[leader].backing_off = false;
        maybe_fetch(leader);
    });
}

}  // namespace kafkasim::broker
