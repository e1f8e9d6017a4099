#include "sim/controller/broker_fencing.h"

#include "engine/assert.h"
#include "sim/controller/partition_change.h"

namespace kafkasim::controller {

namespace {

// Runs the builder over the partitions `select` picks, appending each change to `out`.
template <class Select>
void change_partitions(const metadata::ClusterImage& image, PartitionChangeInput input, Select select,
                       std::vector<MetadataRecord>& out) {
    const auto active = [&image](BrokerId b) { return is_active(image, b); };
    for (const auto& [name, topic] : image.topics()) {
        for (std::size_t i = 0; i < topic.partitions.size(); ++i) {
            const metadata::PartitionRegistration& p = topic.partitions[i];
            if (!select(p)) continue;
            input.election = online_election(topic.config);
            if (auto change = build_partition_change(topic.id, static_cast<std::int32_t>(i), p, input, active))
                out.push_back(std::move(*change));
        }
    }
}

}  // namespace

bool is_active(const metadata::ClusterImage& image, BrokerId broker) {
    const metadata::BrokerRegistration* b = image.broker(broker);
    return b != nullptr && !b->fenced;
}

std::vector<MetadataRecord> fence_broker_records(const metadata::ClusterImage& image, BrokerId broker) {
    const metadata::BrokerRegistration* reg = image.broker(broker);
    SIM_ASSERT(reg != nullptr, "only a registered broker is fenced");
    std::vector<MetadataRecord> out;
    change_partitions(
        image, PartitionChangeInput{broker, no_broker},
        [broker](const metadata::PartitionRegistration& p) { return p.in_isr(broker) || p.leader == broker; }, out);
    out.push_back(FenceBrokerRecord{broker, reg->epoch});
    return out;
}

std::vector<MetadataRecord> unfence_broker_records(const metadata::ClusterImage& image, BrokerId broker) {
    const metadata::BrokerRegistration* reg = image.broker(broker);
    SIM_ASSERT(reg != nullptr, "only a registered broker is unfenced");
    std::vector<MetadataRecord> out;
    out.push_back(UnfenceBrokerRecord{broker, reg->epoch});
    change_partitions(
        image, PartitionChangeInput{no_broker, broker},
        [](const metadata::PartitionRegistration& p) { return !p.has_leader(); }, out);
    return out;
}

}  // namespace kafkasim::controller
