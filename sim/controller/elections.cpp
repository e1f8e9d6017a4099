#include "sim/controller/elections.h"

#include "sim/controller/broker_fencing.h"
#include "sim/controller/partition_change.h"

namespace kafkasim::controller {

namespace {

std::optional<PartitionChangeRecord> elect(const metadata::ClusterImage& image, const metadata::TopicImage& topic,
                                           std::size_t index, Election election) {
    PartitionChangeInput input;
    input.election = election;
    return build_partition_change(topic.id, static_cast<std::int32_t>(index), topic.partitions[index], input,
                                  [&image](BrokerId b) { return is_active(image, b); });
}

template <class Visit>
void for_each_partition(const metadata::ClusterImage& image, Visit visit) {
    for (const auto& [name, topic] : image.topics())
        for (std::size_t i = 0; i < topic.partitions.size(); ++i) visit(topic, i);
}

}  // namespace

bool any_imbalanced(const metadata::ClusterImage& image) {
    bool found = false;
    for_each_partition(image, [&](const metadata::TopicImage& t, std::size_t i) {
        found = found || !t.partitions[i].has_preferred_leader();
    });
    return found;
}

bool any_leaderless(const metadata::ClusterImage& image) {
    bool found = false;
    for_each_partition(image,
                       [&](const metadata::TopicImage& t, std::size_t i) { found = found || !t.partitions[i].has_leader(); });
    return found;
}

std::vector<MetadataRecord> balance_leaders_records(const metadata::ClusterImage& image) {
    std::vector<MetadataRecord> out;
    for_each_partition(image, [&](const metadata::TopicImage& t, std::size_t i) {
        if (t.partitions[i].has_preferred_leader()) return;
        if (auto change = elect(image, t, i, Election::preferred)) out.push_back(std::move(*change));
    });
    return out;
}

std::vector<MetadataRecord> unclean_leaders_records(const metadata::ClusterImage& image) {
    std::vector<MetadataRecord> out;
    for_each_partition(image, [&](const metadata::TopicImage& t, std::size_t i) {
        if (t.partitions[i].has_leader() || !t.config.unclean_leader_election_enable) return;
        if (auto change = elect(image, t, i, Election::unclean)) out.push_back(std::move(*change));
    });
    return out;
}

ElectLeadersResult elect_leaders(const metadata::ClusterImage& image, const ElectLeadersRequest& request) {
    std::vector<TopicPartition> wanted = request.partitions;
    if (wanted.empty())
        for_each_partition(image, [&](const metadata::TopicImage& t, std::size_t i) {
            wanted.push_back(TopicPartition{t.name, static_cast<std::int32_t>(i)});
        });
    const bool preferred = request.type == ElectionType::preferred;
    ElectLeadersResult out;
    for (const TopicPartition& tp : wanted) {
        ElectLeadersResponse::Partition answer{tp, Errc::none};
        const metadata::TopicImage* topic = image.topic(tp.topic);
        const metadata::PartitionRegistration* p = image.partition(tp);
        if (topic == nullptr || p == nullptr) {
            answer.error = Errc::unknown_topic_or_partition;
        } else if (preferred ? p->has_preferred_leader() : p->has_leader()) {
            answer.error = Errc::election_not_needed;
        } else if (auto change = elect(image, *topic, static_cast<std::size_t>(tp.partition),
                                       preferred ? Election::preferred : Election::unclean)) {
            out.records.push_back(std::move(*change));
        } else {
            answer.error = preferred ? Errc::preferred_leader_not_available : Errc::eligible_leaders_not_available;
        }
        out.response.partitions.push_back(std::move(answer));
    }
    return out;
}

}  // namespace kafkasim::controller
