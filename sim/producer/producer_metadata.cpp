#include "sim/producer/producer_metadata.h"

namespace kafkasim::producer {

void ProducerMetadata::update(const MetadataResponse& response, engine::Instant now) {
    brokers_.clear();
    for (const auto& b : response.brokers) brokers_[b.id] = b.node;
    bool retry = false;
    for (const auto& t : response.topics) {
        if (t.error != Errc::none) {
            // Metadata.handleMetadataResponse: a topic with an InvalidMetadataException (a topic
            // not created yet) asks for the next update at once, not after metadata.max.age.ms.
            known_.erase(t.name);
            retry = true;
            continue;
        }
        TopicInfo info;
        info.count = static_cast<std::int32_t>(t.partitions.size());
        for (const auto& p : t.partitions) info.partitions[p.partition] = PartitionInfo{p.leader, p.leader_epoch};
        info.view.count = info.count;
        for (const auto& [p, partition] : info.partitions)
            if (partition.leader != no_broker) info.view.with_leader.push_back(p);
        known_[t.name] = std::move(info);
    }
    update_requested_ = retry;
    answered_ = true;
    last_update_ = now;
    ++updates_;
}

const TopicPartitions* ProducerMetadata::partitions(const std::string& topic) const {
    const auto it = known_.find(topic);
    if (it == known_.end() || it->second.count == 0) return nullptr;
    return &it->second.view;
}

BrokerId ProducerMetadata::leader(const TopicPartition& tp) const {
    const auto it = known_.find(tp.topic);
    if (it == known_.end()) return no_broker;
    const auto p = it->second.partitions.find(tp.partition);
    return p == it->second.partitions.end() ? no_broker : p->second.leader;
}

LeaderEpoch ProducerMetadata::leader_epoch(const TopicPartition& tp) const {
    const auto it = known_.find(tp.topic);
    if (it == known_.end()) return LeaderEpoch{-1};
    const auto p = it->second.partitions.find(tp.partition);
    return p == it->second.partitions.end() ? LeaderEpoch{-1} : p->second.leader_epoch;
}

engine::NodeId ProducerMetadata::node(BrokerId broker) const {
    const auto it = brokers_.find(broker);
    return it == brokers_.end() ? engine::NodeId::none() : it->second;
}

BrokerId ProducerMetadata::broker_at(engine::NodeId node) const {
    for (const auto& [id, at] : brokers_)
        if (at == node) return id;
    return no_broker;
}

std::vector<engine::NodeId> ProducerMetadata::broker_nodes() const {
    std::vector<engine::NodeId> out;
    for (const auto& [id, node] : brokers_) out.push_back(node);
    return out;
}

}  // namespace kafkasim::producer
