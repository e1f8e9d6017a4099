// divergent_replicas (Jepsen: inconsistent-offsets): replicas whose logs differ from their
// leader's below the high watermark. Each follower is compared with the leader at every
// offset both hold below the leader's high watermark; one mismatch makes it divergent.
#pragma once

#include "sim/check/lost_acked.h"
#include "sim/check/replica_snapshot.h"
#include "sim/check/replica_views.h"

namespace kafkasim::check {

CheckResult check_divergent_replicas(const ReplicaSnapshot& replicas);
CheckResult check_divergent_replicas(const ReplicaViews& replicas);

}  // namespace kafkasim::check
