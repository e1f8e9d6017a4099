// duplicates_in_log (Jepsen: duplicate): a producer's record appended more than once to the
// final log of its partition (final_log.h). It counts the extra copies: a record written three
// times counts two. A producer without idempotence duplicates when it retries a batch whose
// answer was lost; the idempotent producer's sequence numbers let the broker drop the retry.
#pragma once

#include "sim/check/evidence.h"
#include "sim/check/history.h"
#include "sim/check/lost_acked.h"
#include "sim/check/replica_snapshot.h"

namespace kafkasim::check {

CheckResult check_duplicates_in_log(const History& history, const ReplicaSnapshot& replicas);
CheckResult check_duplicates_in_log(const Evidence& evidence);

}  // namespace kafkasim::check
