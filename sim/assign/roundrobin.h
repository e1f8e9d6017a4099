// RoundRobinAssignor ("roundrobin"): every partition of every subscribed topic, topics in
// name order and partitions in numeric order, dealt to the members in MemberInfo order
// around a circle, skipping members not subscribed to the partition's topic. Follows Kafka's
// RoundRobinAssignor. With unequal subscriptions the result can be badly unbalanced, as in
// Kafka.
#pragma once

#include "sim/assign/model.h"

namespace kafkasim::assign {

Assignment assign_roundrobin(const GroupSubscription& group);

}  // namespace kafkasim::assign
