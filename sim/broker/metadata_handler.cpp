#include "sim/broker/metadata_handler.h"

namespace kafkasim::broker {

namespace {

MetadataResponse::Topic describe(const metadata::TopicImage& topic) {
    MetadataResponse::Topic out{topic.name, Errc::none, {}};
    for (std::size_t i = 0; i < topic.partitions.size(); ++i) {
        const metadata::PartitionRegistration& p = topic.partitions[i];
        MetadataResponse::Partition part;
        part.partition = static_cast<std::int32_t>(i);
        part.error = p.has_leader() ? Errc::none : Errc::leader_not_available;
        part.leader = p.leader;
        part.leader_epoch = p.leader_epoch;
        part.replicas = p.replicas;
        part.isr = p.isr;
        out.partitions.push_back(std::move(part));
    }
    return out;
}

}  // namespace

MetadataResponse answer_metadata(const metadata::ClusterImage& image, const MetadataRequest& request) {
    MetadataResponse response;
    for (const auto& [id, b] : image.brokers())
        if (!b.fenced) response.brokers.push_back({id, b.node});
    if (request.topics.empty()) {
        for (const auto& [name, topic] : image.topics()) response.topics.push_back(describe(topic));
        return response;
    }
    for (const std::string& name : request.topics) {
        const metadata::TopicImage* topic = image.topic(name);
        if (topic == nullptr) response.topics.push_back({name, Errc::unknown_topic_or_partition, {}});
        else response.topics.push_back(describe(*topic));
    }
    return response;
}

}  // namespace kafkasim::broker
