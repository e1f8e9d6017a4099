// Small builders for tests of partition changes: broker id lists, a registration, and a
// predicate for which brokers are unfenced.
#pragma once

#include <functional>
#include <initializer_list>
#include <set>
#include <vector>

#include "sim/metadata/cluster_image.h"

namespace kafkasim::testing {

inline std::vector<BrokerId> ids(std::initializer_list<int> v) {
    std::vector<BrokerId> out;
    for (int i : v) out.push_back(BrokerId{i});
    return out;
}

inline metadata::PartitionRegistration partition(std::vector<BrokerId> replicas, std::vector<BrokerId> isr, int leader) {
    metadata::PartitionRegistration p;
    p.replicas = std::move(replicas);
    p.isr = std::move(isr);
    p.leader = BrokerId{leader};
    return p;
}

inline std::function<bool(BrokerId)> unfenced(std::set<int> alive) {
    return [alive](BrokerId b) { return alive.contains(b.value); };
}

}  // namespace kafkasim::testing
