// Elections the controller starts on its own or for an admin, after KRaft's
// ReplicationControlManager (maybeBalancePartitionLeaders, maybeElectUncleanLeaders,
// electLeader) and QuorumController's periodic tasks:
// - preferred leader balancing: with auto.leader.rebalance.enable, every
//   leader.imbalance.check.interval.seconds while some partition is not led by its first
//   replica, a preferred election for each such partition: leadership moves back only if the
//   first replica is in the ISR and unfenced (the KRaft controller ignores
//   leader.imbalance.per.broker.percentage);
// - unclean elections: every 5 minutes (an internal interval) while some partition has no
//   leader, an unclean election for each one whose topic enables unclean.leader.election.enable;
// - ElectLeaders: a preferred election for a partition already led by its first replica, or an
//   unclean one for a partition with a leader, is ELECTION_NOT_NEEDED; one that finds nobody is
//   PREFERRED_LEADER_NOT_AVAILABLE or ELIGIBLE_LEADERS_NOT_AVAILABLE.
// Partitions are visited in topic-name, then index order.
#pragma once

#include <vector>

#include "sim/metadata/cluster_image.h"
#include "sim/proto/controller_messages.h"

namespace kafkasim::controller {

bool any_imbalanced(const metadata::ClusterImage& image);
bool any_leaderless(const metadata::ClusterImage& image);

// The records of one balancing round and of one unclean round.
std::vector<MetadataRecord> balance_leaders_records(const metadata::ClusterImage& image);
std::vector<MetadataRecord> unclean_leaders_records(const metadata::ClusterImage& image);

struct ElectLeadersResult {
    ElectLeadersResponse response;
    std::vector<MetadataRecord> records;
};

ElectLeadersResult elect_leaders(const metadata::ClusterImage& image, const ElectLeadersRequest& request);

}  // namespace kafkasim::controller
