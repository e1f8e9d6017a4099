// consumer_skips (Jepsen: poll-skip): records a group never processed although its committed
// offset passed them. Counted per group and partition from the group's first start position
// there (its first PositionEvent: the first reset or committed offset it read from) up to the
// highest offset the coordinator acknowledged; the records are those of the partition's final
// log (final_log.h). A commit made before processing, or auto-commit while records wait in a
// hand-off queue, followed by a crash, skips the records in between.
#pragma once

#include "sim/check/evidence.h"
#include "sim/check/history.h"
#include "sim/check/lost_acked.h"
#include "sim/check/replica_snapshot.h"

namespace kafkasim::check {

CheckResult check_consumer_skips(const History& history, const ReplicaSnapshot& replicas);
CheckResult check_consumer_skips(const Evidence& evidence);

}  // namespace kafkasim::check
