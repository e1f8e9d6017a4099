// RangeAssignor ("range"): each topic on its own; its subscribers in MemberInfo order; with
// P partitions and C subscribers, each takes the next P/C partitions in numeric order and the
// first P%C take one more. Follows Kafka's RangeAssignor without racks (KIP-881's rack-aware
// mode needs replica racks, which the simulator does not model).
#pragma once

#include "sim/assign/model.h"

namespace kafkasim::assign {

Assignment assign_range(const GroupSubscription& group);

}  // namespace kafkasim::assign
