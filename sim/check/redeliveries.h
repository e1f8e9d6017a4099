// redeliveries (at-least-once duplicates): records a group processed more than once. Each
// such record counts once however often it was processed again. A crash between processing
// and committing, or a commit that failed, makes the group read the records again.
#pragma once

#include "sim/check/evidence.h"
#include "sim/check/history.h"
#include "sim/check/lost_acked.h"

namespace kafkasim::check {

CheckResult check_redeliveries(const History& history);
CheckResult check_redeliveries(const Evidence& evidence);

}  // namespace kafkasim::check
