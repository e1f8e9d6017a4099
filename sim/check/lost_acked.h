// lost_acked (Jepsen: lost-write): acknowledged records missing from the final log. The final
// log of a partition is what its leader holds below its high watermark after the run's
// healed, drained phase; a partition without a leader then has lost every record it acked.
#pragma once

#include "sim/check/check_result.h"
#include "sim/check/evidence.h"
#include "sim/check/history.h"
#include "sim/check/replica_snapshot.h"

namespace kafkasim::check {

CheckResult check_lost_acked(const History& history, const ReplicaSnapshot& replicas);
CheckResult check_lost_acked(const Evidence& evidence);

}  // namespace kafkasim::check
