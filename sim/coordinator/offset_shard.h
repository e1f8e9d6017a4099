// OffsetShard: the committed offsets of the groups one __consumer_offsets partition holds, on
// the broker that leads it (Kafka's coordinator shard, GroupMetadataManager's offset cache).
// It exists from the moment the broker becomes the partition's leader: first loading, then
// loaded. Loading replays the partition's log up to the log end the leader had when it took
// over, once the high watermark has reached that end, so that only committed records are
// served (a new leader's tail becomes committed when its followers catch up). Later commits
// are applied when their append is committed (the acks=all write completed).
#pragma once

#include <map>
#include <string>
#include <utility>

#include "sim/coordinator/group_record.h"
#include "sim/coordinator/offset_record.h"
#include "sim/log/partition_log.h"

namespace kafkasim::coordinator {

class OffsetShard {
public:
    OffsetShard(LeaderEpoch epoch, Offset load_end) : epoch_(epoch), load_end_(load_end) {}

    LeaderEpoch epoch() const { return epoch_; }
    Offset load_end() const { return load_end_; }
    bool loaded() const { return loaded_; }

    // Replays the log from its start to load_end(); the caller guarantees the high watermark
    // has reached load_end(). Returns the number of offset commit and group records read.
    std::int64_t load(const log::PartitionLog& log);

    void apply(const OffsetCommitKey& key, OffsetCommitValue value);
    // nullptr when the group never committed for `tp`.
    const OffsetCommitValue* committed(const std::string& group, const TopicPartition& tp) const;
    // The last group metadata record of each group the load found; handed over once, to
    // become the coordinator's live groups.
    std::map<std::string, GroupMetadataValue> take_loaded_groups() { return std::exchange(loaded_groups_, {}); }

private:
    LeaderEpoch epoch_;
    Offset load_end_;
    bool loaded_ = false;
    std::map<std::string, std::map<TopicPartition, OffsetCommitValue>> offsets_;  // by group
    std::map<std::string, GroupMetadataValue> loaded_groups_;
};

}  // namespace kafkasim::coordinator
