#include "sim/controller/placement.h"

#include <algorithm>
#include <utility>

namespace kafkasim::controller {

namespace {

// StripedReplicaPlacer.BrokerList: brokers handed out in turn from a moving offset. A new
// iteration epoch restarts the turn one place further on.
class BrokerList {
public:
    BrokerList(std::vector<BrokerId> brokers, engine::Random& random) : brokers_(std::move(brokers)) {
        std::sort(brokers_.begin(), brokers_.end());
        offset_ = random.uniform(brokers_.size());
    }

    // The next broker of this epoch; the caller never asks for more than size() per epoch.
    BrokerId next(std::uint64_t epoch) {
        if (epoch != epoch_) {
            epoch_ = epoch;
            index_ = 0;
            offset_ = (offset_ + 1) % brokers_.size();
        }
        const BrokerId b = brokers_[(index_ + offset_) % brokers_.size()];
        ++index_;
        return b;
    }

    // Collections.shuffle: Fisher–Yates from the back.
    void shuffle(engine::Random& random) {
        for (std::size_t i = brokers_.size(); i > 1; --i) std::swap(brokers_[i - 1], brokers_[random.uniform(i)]);
    }

    std::size_t size() const { return brokers_.size(); }

private:
    std::vector<BrokerId> brokers_;
    std::uint64_t offset_ = 0;
    std::uint64_t index_ = 0;
    std::uint64_t epoch_ = 0;
};

Placement failure(std::string message) {
    return Placement{Errc::invalid_replication_factor, std::move(message), {}};
}

}  // namespace

Placement place_replicas(std::vector<BrokerId> usable, PlacementSpec spec, engine::Random& random) {
    const std::string rf = std::to_string(spec.replication_factor);
    if (spec.replication_factor <= 0)
        return failure("Invalid replication factor " + rf + ": the replication factor must be positive.");
    if (usable.empty()) return failure("Unable to replicate the partition " + rf + " time(s): All brokers are currently fenced.");
    if (static_cast<std::size_t>(spec.replication_factor) > usable.size())
        return failure("Unable to replicate the partition " + rf + " time(s): The target replication factor of " +
                       rf + " cannot be reached because only " + std::to_string(usable.size()) +
                       " broker(s) are registered and unfenced.");

    BrokerList list(std::move(usable), random);
    Placement placement;
    std::uint64_t epoch = 0;
    for (std::int32_t p = 0; p < spec.partitions; ++p) {
        // After a round of as many partitions as brokers, shuffle so the next round differs
        // (never with one broker, whose only order is itself).
        if (epoch == list.size() && list.size() > 1) {
            list.shuffle(random);
            epoch = 0;
        }
        std::vector<BrokerId> replicas;
        replicas.reserve(static_cast<std::size_t>(spec.replication_factor));
        for (std::int32_t r = 0; r < spec.replication_factor; ++r) replicas.push_back(list.next(epoch));
        placement.replicas.push_back(std::move(replicas));
        ++epoch;
    }
    return placement;
}

}  // namespace kafkasim::controller
