// key_reordered: records of one key whose first processing by a group comes after the first
// processing of a record of that key sent later by the same producer to the same topic (send
// order is that producer's send events in the history; two producers, or two topics, that use
// one key string have no order between them). Records with a null key are not counted. Kafka keeps a key's
// order only within one partition and one consumer: a key that moves to another partition
// (added partitions, a custom partitioner), a retry without idempotence, or processing on
// several threads can reorder it.
#pragma once

#include "sim/check/evidence.h"
#include "sim/check/history.h"
#include "sim/check/lost_acked.h"

namespace kafkasim::check {

CheckResult check_key_reordered(const History& history);
CheckResult check_key_reordered(const Evidence& evidence);

}  // namespace kafkasim::check
