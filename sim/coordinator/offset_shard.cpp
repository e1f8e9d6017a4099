#include "sim/coordinator/offset_shard.h"

namespace kafkasim::coordinator {

std::int64_t OffsetShard::load(const log::PartitionLog& log) {
    std::int64_t read = 0;
    Offset at = log.log_start_offset();
    while (at < load_end_) {
        log::ReadRequest request;
        request.offset = at;
        request.isolation = log::FetchIsolation::log_end;
        const log::ReadResult r = log.read(request);
        if (r.error != Errc::none || r.batches.empty()) break;
        for (const RecordBatch& batch : r.batches) {
            for (std::int32_t i = 0; i < batch.count(); ++i) {
                if (batch.base_offset + i >= load_end_) break;
                const Record& record = batch.records[static_cast<std::size_t>(i)];
                // A record that does not decode was not written by a coordinator and is
                // skipped, as Kafka's loader fails on it instead (docs/fidelity.md).
                if (!record.key) continue;
                if (key_version(*record.key) == group_metadata_key_version) {
                    auto group = decode_group_key(*record.key);
                    auto value = decode_group_value(record.value);
                    if (!group || !value) continue;
                    loaded_groups_[*group] = std::move(*value);
                    ++read;
                    continue;
                }
                if (key_version(*record.key) != offset_commit_key_version) continue;
                auto key = decode_key(*record.key);
                auto value = decode_value(record.value);
                if (!key || !value) continue;
                apply(*key, std::move(*value));
                ++read;
            }
            at = batch.next_offset();
        }
    }
    loaded_ = true;
    return read;
}

void OffsetShard::apply(const OffsetCommitKey& key, OffsetCommitValue value) {
    offsets_[key.group][key.tp] = std::move(value);
}

const OffsetCommitValue* OffsetShard::committed(const std::string& group, const TopicPartition& tp) const {
    const auto g = offsets_.find(group);
    if (g == offsets_.end()) return nullptr;
    const auto it = g->second.find(tp);
    return it == g->second.end() ? nullptr : &it->second;
}

}  // namespace kafkasim::coordinator
