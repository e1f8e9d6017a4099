// reordered (Jepsen: nonmonotonic-poll): records a consumer's polls returned out of offset
// order within one assignment of a partition: a record at or below an offset an earlier poll
// of the same assignment already returned. An assignment is one consumer incarnation in one
// generation: reading again after a restart (or, with groups, a rebalance) is not a reorder.
#pragma once

#include "sim/check/history.h"
#include "sim/check/lost_acked.h"

namespace kafkasim::check {

CheckResult check_reordered(const History& history);

}  // namespace kafkasim::check
