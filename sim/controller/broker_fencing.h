// The records that fence and unfence a broker, after KRaft's ReplicationControlManager
// (handleBrokerFenced, handleBrokerUnfenced) and PartitionChangeBuilder (partition_change.h):
// - fencing: for every partition whose ISR holds the broker, a change that takes it out of
//   the ISR (unless it is the last member) and, if it led, elects the first other ISR replica
//   that is unfenced, in assignment order, or none (or, with unclean.leader.election.enable,
//   the first live replica outside the ISR); then FenceBrokerRecord;
// - unfencing: UnfenceBrokerRecord, then for every partition without a leader, an election in
//   which the newly unfenced broker is acceptable: a partition whose last ISR member comes
//   back gets it as its leader again (and with unclean elections, any replica that comes back).
// Partitions are visited in topic-name, then index order.
#pragma once

#include <vector>

#include "sim/metadata/cluster_image.h"

namespace kafkasim::controller {

std::vector<MetadataRecord> fence_broker_records(const metadata::ClusterImage& image, BrokerId broker);
std::vector<MetadataRecord> unfence_broker_records(const metadata::ClusterImage& image, BrokerId broker);

// Unfenced in `image` (registered and not fenced): ClusterControlManager.isActive.
bool is_active(const metadata::ClusterImage& image, BrokerId broker);

}  // namespace kafkasim::controller
