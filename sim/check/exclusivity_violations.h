// exclusivity_violations: a partition's records processed by two members of one group at
// overlapping times. Each consumer process (member and incarnation) works on a partition in
// runs, one per generation it was in; a run spans its first to its last processed record of
// that partition. Two runs of different processes of a group whose spans overlap count once.
// An old owner still working after a rebalance gave its partition away, or a member whose
// session expired while it was paused and that resumes (the zombie), overlaps the new owner.
#pragma once

#include "sim/check/history.h"
#include "sim/check/lost_acked.h"

namespace kafkasim::check {

CheckResult check_exclusivity_violations(const History& history);

}  // namespace kafkasim::check
