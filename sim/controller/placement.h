// Replica placement for new partitions, after KRaft's StripedReplicaPlacer
// (metadata/src/main/java/org/apache/kafka/metadata/placement/StripedReplicaPlacer.java) in a
// cluster without racks, where its rack list holds a single rack:
// - the usable brokers are sorted by id and a start offset is drawn at random;
// - partition k takes replication_factor consecutive brokers of that list from the offset, and
//   each partition moves the offset on by one, which gives the "striped" pattern
//   (p0: 1 2 3, p1: 2 3 4, p2: 3 4 1, …): each broker at most once per partition, and every
//   broker leads once per round of as many partitions as there are brokers;
// - after each such round the list is shuffled, so rounds do not repeat.
// Kafka also places replicas on fenced brokers once the unfenced ones run out; kafkasim uses
// unfenced brokers only (docs/controller.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/random.h"
#include "sim/common/errors.h"
#include "sim/common/ids.h"

namespace kafkasim::controller {

struct PlacementSpec {
    std::int32_t partitions = 1;
    std::int32_t replication_factor = 1;
};

struct Placement {
    Errc error = Errc::none;  // INVALID_REPLICATION_FACTOR when it cannot be done
    std::string message;
    std::vector<std::vector<BrokerId>> replicas;  // per new partition; the first is the leader
};

// Places `spec.partitions` partitions on `usable` brokers (any order, no duplicates), drawing
// from `random`. Fails when the factor is not positive, no broker is usable, or the factor
// exceeds the usable brokers.
Placement place_replicas(std::vector<BrokerId> usable, PlacementSpec spec, engine::Random& random);

}  // namespace kafkasim::controller
