// send_reordered (Jepsen: nonmonotonic-send): a producer's records to one partition that stand
// in the partition's final log (final_log.h) before a record the same producer sent earlier to
// it. Each record found after a later-sent one counts once; only a record's first copy is
// considered (duplicates are duplicates_in_log's). Send order is the order of the producer's
// send events in the history. Without idempotence and with more than one request in flight, a
// retried batch lands behind the batches sent after it; the idempotent producer keeps the order.
#pragma once

#include "sim/check/evidence.h"
#include "sim/check/history.h"
#include "sim/check/lost_acked.h"
#include "sim/check/replica_snapshot.h"

namespace kafkasim::check {

CheckResult check_send_reordered(const History& history, const ReplicaSnapshot& replicas);
CheckResult check_send_reordered(const Evidence& evidence);

}  // namespace kafkasim::check
