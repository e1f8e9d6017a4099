#include "sim/controller/controller_trace.h"

#include "sim/controller/partition_change.h"
#include "sim/controller/producer_ids.h"

namespace kafkasim::controller {

namespace {

struct Tracer {
    engine::Node& node;
    const metadata::ClusterImage& image;
    std::string_view reason;

    std::string topic_name(TopicId id) const {
        const metadata::TopicImage* t = image.topic(id);
        return t != nullptr ? t->name : std::string();
    }

    void operator()(const RegisterBrokerRecord& r) const {
        node.trace("controller.register", {{"broker", r.broker.value},
                                           {"broker_epoch", r.epoch.value},
                                           {"incarnation", engine::hex16(r.incarnation.value)},
                                           {"node", r.node.value}});
    }
    void operator()(const FenceBrokerRecord& r) const {
        node.trace("controller.fence", {{"broker", r.broker.value}, {"broker_epoch", r.epoch.value}, {"reason", reason}});
    }
    void operator()(const UnfenceBrokerRecord& r) const {
        node.trace("controller.unfence", {{"broker", r.broker.value}, {"broker_epoch", r.epoch.value}});
    }
    // The request as a whole is traced (controller.create_topic), with its partitions below.
    void operator()(const TopicRecord&) const {}
    void operator()(const PartitionRecord& r) const {
        node.trace("controller.partition", {{"topic", topic_name(r.topic)},
                                            {"partition", r.partition},
                                            {"replicas", broker_list(r.replicas)},
                                            {"isr", broker_list(r.isr)},
                                            {"leader", r.leader.value}});
    }
    void operator()(const PartitionChangeRecord& r) const {
        const std::string topic = topic_name(r.topic);
        const metadata::PartitionRegistration* p = image.partition(TopicPartition{topic, r.partition});
        if (p == nullptr) return;
        if (r.replicas || r.adding_replicas || r.removing_replicas)
            node.trace("controller.replicas", {{"topic", topic},
                                               {"partition", r.partition},
                                               {"replicas", broker_list(p->replicas)},
                                               {"adding", broker_list(p->adding_replicas)},
                                               {"removing", broker_list(p->removing_replicas)},
                                               {"reason", reason}});
        if (r.isr)
            node.trace("controller.isr", {{"topic", topic}, {"partition", r.partition}, {"isr", broker_list(p->isr)},
                                          {"reason", reason}});
        if (r.leader)
            node.trace("controller.elect", {{"topic", topic},
                                            {"partition", r.partition},
                                            {"leader", p->leader.value},
                                            {"leader_epoch", p->leader_epoch.value},
                                            {"unclean", is_unclean_election(r)},
                                            {"reason", reason}});
    }
    void operator()(const ProducerIdsRecord& r) const {
        node.trace("controller.producer_ids", {{"broker", r.broker.value},
                                               {"first", r.next_producer_id.value - producer_id_block_size},
                                               {"next", r.next_producer_id.value}});
    }
};

}  // namespace

void trace_entry(engine::Node& node, const metadata::ClusterImage& image, const MetadataEntry& entry,
                 std::string_view reason) {
    std::visit(Tracer{node, image, reason}, entry.record);
}

std::string broker_list(const std::vector<BrokerId>& brokers) {
    std::string out;
    for (BrokerId b : brokers) {
        if (!out.empty()) out += ',';
        out += std::to_string(b.value);
    }
    return out;
}

}  // namespace kafkasim::controller
