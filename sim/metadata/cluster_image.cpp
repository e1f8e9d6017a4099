#include "sim/metadata/cluster_image.h"

#include <algorithm>

#include "engine/assert.h"

namespace kafkasim::metadata {

bool PartitionRegistration::in_isr(BrokerId b) const {
    return std::find(isr.begin(), isr.end(), b) != isr.end();
}

bool PartitionRegistration::is_replica(BrokerId b) const {
    return std::find(replicas.begin(), replicas.end(), b) != replicas.end();
}

PartitionRegistration merge(PartitionRegistration part, const PartitionChangeRecord& c) {
    if (c.leader) {
        part.leader = *c.leader;
        part.leader_epoch = part.leader_epoch.next();
    }
    if (c.isr) part.isr = *c.isr;
    if (c.replicas) part.replicas = *c.replicas;
    if (c.removing_replicas) part.removing_replicas = *c.removing_replicas;
    if (c.adding_replicas) part.adding_replicas = *c.adding_replicas;
    if (c.leader_recovery_state) part.leader_recovery_state = *c.leader_recovery_state;
    part.partition_epoch = PartitionEpoch{part.partition_epoch.value + 1};
    return part;
}

const BrokerRegistration* ClusterImage::broker(BrokerId id) const {
    const auto it = brokers_.find(id);
    return it == brokers_.end() ? nullptr : &it->second;
}

const TopicImage* ClusterImage::topic(const std::string& name) const {
    const auto it = topics_.find(name);
    return it == topics_.end() ? nullptr : &it->second;
}

const TopicImage* ClusterImage::topic(TopicId id) const {
    const auto it = topic_names_.find(id);
    return it == topic_names_.end() ? nullptr : topic(it->second);
}

const PartitionRegistration* ClusterImage::partition(const TopicPartition& tp) const {
    const TopicImage* t = topic(tp.topic);
    if (t == nullptr || tp.partition < 0 || tp.partition >= static_cast<std::int32_t>(t->partitions.size()))
        return nullptr;
    return &t->partitions[static_cast<std::size_t>(tp.partition)];
}

TopicImage& ClusterImage::topic_mut(TopicId id) {
    const auto it = topic_names_.find(id);
    SIM_ASSERT(it != topic_names_.end(), "a partition record names a topic the log never created");
    return topics_.at(it->second);
}

void ClusterImage::apply(const MetadataEntry& entry) {
    SIM_ASSERT(entry.offset > last_offset_, "metadata records are applied in offset order, once");
    apply_record(entry.record, entry.offset);
    last_offset_ = entry.offset;
}

void ClusterImage::apply_record(const MetadataRecord& record, Offset offset) {
    (void)offset;
    if (const auto* r = std::get_if<RegisterBrokerRecord>(&record)) {
        brokers_[r->broker] = BrokerRegistration{r->broker, r->incarnation, r->epoch, r->node, true};
    } else if (const auto* f = std::get_if<FenceBrokerRecord>(&record)) {
        auto it = brokers_.find(f->broker);
        SIM_ASSERT(it != brokers_.end(), "fencing a broker that never registered");
        it->second.fenced = true;
    } else if (const auto* u = std::get_if<UnfenceBrokerRecord>(&record)) {
        auto it = brokers_.find(u->broker);
        SIM_ASSERT(it != brokers_.end(), "unfencing a broker that never registered");
        it->second.fenced = false;
    } else if (const auto* t = std::get_if<TopicRecord>(&record)) {
        SIM_ASSERT(topics_.count(t->name) == 0, "a topic is created once");
        topics_[t->name] = TopicImage{t->name, t->id, t->config, {}};
        topic_names_[t->id] = t->name;
    } else if (const auto* p = std::get_if<PartitionRecord>(&record)) {
        TopicImage& topic = topic_mut(p->topic);
        SIM_ASSERT(p->partition == static_cast<std::int32_t>(topic.partitions.size()),
                   "partitions are created in index order");
        // Every broker holds an image: grow by an eighth, not the vector's doubling, which
        // would leave up to half of a large topic's registrations unused in each of them
        // (about 70 MB over 101 images of 10 000 partitions; issue 30).
        if (topic.partitions.size() == topic.partitions.capacity())
            topic.partitions.reserve(topic.partitions.size() + std::max<std::size_t>(16, topic.partitions.size() / 8));
        topic.partitions.push_back(PartitionRegistration{p->replicas, p->isr, p->leader, p->leader_epoch,
                                                         p->partition_epoch, p->removing_replicas,
                                                         p->adding_replicas, p->leader_recovery_state});
    } else if (const auto* c = std::get_if<PartitionChangeRecord>(&record)) {
        TopicImage& topic = topic_mut(c->topic);
        SIM_ASSERT(c->partition >= 0 && c->partition < static_cast<std::int32_t>(topic.partitions.size()),
                   "a change to a partition that does not exist");
        PartitionRegistration& part = topic.partitions[static_cast<std::size_t>(c->partition)];
        part = merge(std::move(part), *c);
    } else if (const auto* pid = std::get_if<ProducerIdsRecord>(&record)) {
        next_producer_id_ = pid->next_producer_id;
    }
}

}  // namespace kafkasim::metadata
