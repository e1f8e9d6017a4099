// The final log of each partition, as the checkers judge it: the records its leader holds below
// its high watermark at the end of the run (after the healed, drained phase), in offset order.
// A partition without a leader has an empty final log.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/check/replica_snapshot.h"

namespace kafkasim::check {

struct FinalRecord {
    Offset offset;
    std::string value;
};

std::map<TopicPartition, std::vector<FinalRecord>> final_logs(const ReplicaSnapshot& replicas);

}  // namespace kafkasim::check
