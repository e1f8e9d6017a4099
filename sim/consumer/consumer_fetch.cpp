// Positions and fetches (Kafka's OffsetFetcher for auto.offset.reset through ListOffsets, and
// Fetcher / AbstractFetch): one Fetch in flight per broker, for the assigned partitions it
// leads that have a position and nothing buffered; records below the position (the start of
// a batch) are dropped; OFFSET_OUT_OF_RANGE resets the position; a leader error asks for new
// metadata and the partition is fetched again once it arrives.
#include "sim/consumer/consumer.h"

#include "engine/assert.h"
#include "sim/log/batch_codec.h"

namespace kafkasim::consumer {

namespace {

const char* source_name(check::PositionSource s) {
    switch (s) {
        case check::PositionSource::committed: return "committed";
        case check::PositionSource::reset_earliest: return "earliest";
        case check::PositionSource::reset_latest: return "latest";
    }
    return "?";
}

bool needs_metadata(Errc e) {
    return e == Errc::not_leader_or_follower || e == Errc::unknown_topic_or_partition ||
           e == Errc::leader_not_available || e == Errc::fenced_leader_epoch || e == Errc::unknown_leader_epoch ||
           e == Errc::kafka_storage_error || e == Errc::network_exception || e == Errc::request_timed_out;
}

}  // namespace

void Consumer::start_at(const TopicPartition& tp, Offset offset, LeaderEpoch epoch, check::PositionSource source) {
    PartitionState& s = partitions_.at(tp);
    s.state = FetchState::fetching;
    s.position = offset;
    s.position_epoch = epoch;
    s.failures = 0;
    if (history_ != nullptr)
        history_->on_position(check::PositionEvent{ref(), tp, s.fetched_committed, offset, source, node_.now(),
                                                   s.fetched_committed ? std::optional(s.committed_asked) : std::nullopt});
    s.fetched_committed.reset();
    node_.trace("consumer.position", {{"partition", tp.str()}, {"offset", offset.value}, {"source", source_name(source)}});
}

void Consumer::reset_positions() {
    std::map<engine::NodeId, std::vector<TopicPartition>> by_leader;
    for (auto& [tp, s] : partitions_) {
        if (s.state != FetchState::awaiting_reset || s.list_in_flight || node_.now() < s.retry_at) continue;
        if (config_.auto_offset_reset == AutoOffsetReset::none) {
            // NoOffsetForPartitionException / OffsetOutOfRangeException reach the application,
            // which stops reading the partition.
            s.state = FetchState::failed;
            node_.trace("consumer.no_offset", {{"partition", tp.str()}});
            continue;
        }
        const engine::NodeId leader = metadata_.node(metadata_.leader(tp));
        if (leader.is_none()) {
            metadata_.request_update();
            continue;
        }
        by_leader[leader].push_back(tp);
    }
    const std::int64_t timestamp = config_.auto_offset_reset == AutoOffsetReset::earliest ? ListOffsetsRequest::earliest
                                                                                          : ListOffsetsRequest::latest;
    for (auto& [dest, tps] : by_leader) {
        ListOffsetsRequest request;
        for (const TopicPartition& tp : tps) {
            partitions_.at(tp).list_in_flight = true;
            request.partitions.push_back({tp, timestamp, metadata_.leader_epoch(tp)});
        }
        rpc_.send(dest, std::move(request), config_.request_timeout,
                  [this, tps](const rpc::RpcResult& r) { on_list_offsets(tps, r); });
    }
}

void Consumer::on_list_offsets(const std::vector<TopicPartition>& asked, const rpc::RpcResult& result) {
    const auto* l = result.ok() ? std::get_if<ListOffsetsResponse>(&result.body) : nullptr;
    for (const TopicPartition& tp : asked) {
        const auto at = partitions_.find(tp);
        if (at == partitions_.end()) continue;  // revoked meanwhile
        PartitionState& s = at->second;
        s.list_in_flight = false;
        Errc error = l == nullptr ? (result.ok() ? Errc::invalid_request : result.transport) : Errc::unknown_topic_or_partition;
        const ListOffsetsResponse::Partition* got = nullptr;
        if (l != nullptr)
            for (const auto& p : l->partitions)
                if (p.tp == tp) got = &p;
        if (got != nullptr) error = got->error;
        if (s.state != FetchState::awaiting_reset) continue;
        if (error == Errc::none) {
            ++stats_.resets;
            start_at(tp, got->offset, got->leader_epoch,
                     config_.auto_offset_reset == AutoOffsetReset::earliest ? check::PositionSource::reset_earliest
                                                                            : check::PositionSource::reset_latest);
            continue;
        }
        metadata_.request_update();
        s.retry_at = node_.now() + next_backoff(s.failures++);
        node_.trace("consumer.list_offsets_failed", {{"partition", tp.str()}, {"error", to_string(error)}});
    }
    run();
}

void Consumer::send_fetches() {
    std::map<engine::NodeId, FetchRequest> requests;
    for (const auto& [tp, s] : partitions_) {
        if (s.state != FetchState::fetching || !s.buffered.empty() || node_.now() < s.retry_at) continue;
        const engine::NodeId leader = metadata_.node(metadata_.leader(tp));
        if (leader.is_none()) {
            metadata_.request_update();
            continue;
        }
        if (fetching_from_.count(leader) != 0) continue;
        FetchRequest& r = requests[leader];
        r.max_wait = config_.fetch_max_wait;
        r.min_bytes = config_.fetch_min_bytes;
        r.max_bytes = config_.fetch_max_bytes;
        // The leader epoch the consumer knows: a leader that moved on answers FENCED_LEADER_EPOCH
        // (stale metadata), one that has not heard yet UNKNOWN_LEADER_EPOCH (KIP-320).
        r.partitions.push_back({tp, s.position, metadata_.leader_epoch(tp), LeaderEpoch{-1}, config_.max_partition_fetch_bytes});
    }
    for (auto& [dest, request] : requests) {
        fetching_from_.insert(dest);
        ++stats_.fetch_requests;
        node_.trace("consumer.fetch", {{"broker", metadata_.broker_at(dest).value},
                                       {"partitions", static_cast<std::int64_t>(request.partitions.size())},
                                       {"first_partition", request.partitions.front().tp.str()},
                                       {"fetch_offset", request.partitions.front().fetch_offset.value}});
        // The broker may hold the fetch fetch.max.wait.ms; the request timeout counts on top.
        // One copy goes out, the request itself moves into the callback (not a second copy).
        RequestBody body = request;
        rpc_.send(dest, std::move(body), config_.request_timeout + config_.fetch_max_wait,
                  [this, dest, sent = std::move(request)](rpc::RpcResult r) { on_fetch(dest, sent, std::move(r)); });
    }
}

void Consumer::on_fetch(engine::NodeId dest, const FetchRequest& request, rpc::RpcResult result) {
    fetching_from_.erase(dest);
    auto* f = result.ok() ? std::get_if<FetchResponse>(&result.body) : nullptr;
    if (f == nullptr) {
        metadata_.request_update();
        for (const auto& asked : request.partitions) {
            const auto it = partitions_.find(asked.tp);
            if (it != partitions_.end()) it->second.retry_at = node_.now() + config_.retry_backoff;
        }
        node_.trace("consumer.fetch_failed", {{"broker", metadata_.broker_at(dest).value},
                                              {"error", to_string(result.ok() ? Errc::invalid_request : result.transport)}});
    } else {
        for (const auto& asked : request.partitions)
            for (auto& got : f->partitions)
                if (got.tp == asked.tp) on_fetch_partition(asked, got);
    }
    run();
}

void Consumer::on_fetch_partition(const FetchRequest::Partition& asked, FetchResponse::Partition& got) {
    const auto it = partitions_.find(asked.tp);
    if (it == partitions_.end()) return;
    PartitionState& s = it->second;
    // An answer for a position the partition has left since (a reset) is stale.
    if (s.state != FetchState::fetching || s.position != asked.fetch_offset || !s.buffered.empty()) return;
    if (got.error == Errc::offset_out_of_range) {
        s.state = FetchState::awaiting_reset;
        node_.trace("consumer.out_of_range", {{"partition", asked.tp.str()}, {"fetch_offset", asked.fetch_offset.value}});
        return;
    }
    if (got.error != Errc::none) {
        if (needs_metadata(got.error)) metadata_.request_update();
        // Fetched again after retry.backoff.ms, by then usually with the new leader.
        s.retry_at = node_.now() + config_.retry_backoff;
        node_.trace("consumer.fetch_error", {{"partition", asked.tp.str()}, {"error", to_string(got.error)}});
        return;
    }
    for (const engine::Block& bytes : got.records) {
        // Only the history reads a record's key and value. Without one, the batch's header (its
        // framing checked) tells the offsets and epoch, all the consumer itself uses, and the
        // records are not decoded into strings nobody reads.
        if (history_ == nullptr) {
            const log::DecodedHeader h = log::decode_batch_header(bytes.span());
            SIM_ASSERT(h.error == log::DecodeError::none && h.bytes == bytes.size(),
                       "a fetched batch decodes: the leader's log encoded it");
            for (std::int32_t i = 0; i < h.header.count; ++i) {
                const Offset offset = h.header.base_offset + i;
                if (offset < s.position) continue;
                s.buffered.push_back(Fetched{asked.tp, check::ConsumedRecord{offset, std::nullopt, {}},
                                             h.header.partition_leader_epoch});
            }
            continue;
        }
        // Decoded here, as Kafka's consumer decodes the fetched MemoryRecords. The CRC is not
        // checked (check.crcs): nothing between the leader's log and here changes a byte.
        log::DecodedBatch d = log::decode_batch(bytes.span(), log::CrcCheck::skip);
        SIM_ASSERT(d.error == log::DecodeError::none, "a fetched batch decodes: the leader's log encoded it");
        RecordBatch& batch = d.batch;
        for (std::int32_t i = 0; i < batch.count(); ++i) {
            const Offset offset = batch.base_offset + i;
            if (offset < s.position) continue;
            Record& r = batch.records[static_cast<std::size_t>(i)];
            s.buffered.push_back(Fetched{asked.tp, check::ConsumedRecord{offset, std::move(r.key), std::move(r.value)},
                                         batch.partition_leader_epoch});
        }
    }
}

}  // namespace kafkasim::consumer
