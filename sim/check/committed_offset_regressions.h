// committed_offset_regressions: a group's committed offset moving backwards on a partition:
// an acknowledged commit lower than one acknowledged before it, or an OffsetFetch (a consumer
// starting) that returns less than the highest commit acknowledged before it, nothing
// included. The second kind is a committed offset the coordinators lost, for instance when a
// new coordinator loaded __consumer_offsets without it. Events are taken in time order.
#pragma once

#include "sim/check/evidence.h"
#include "sim/check/history.h"
#include "sim/check/lost_acked.h"

namespace kafkasim::check {

CheckResult check_committed_offset_regressions(const History& history);
CheckResult check_committed_offset_regressions(const Evidence& evidence);

}  // namespace kafkasim::check
