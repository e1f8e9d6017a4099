// The final log of each partition, as the checkers judge it: the records its leader holds below
// its high watermark at the end of the run (after the healed, drained phase), in offset order.
// A partition without a leader has an empty final log.
#pragma once

#include <string_view>
#include <vector>

#include "sim/check/flat_table.h"
#include "sim/check/replica_views.h"

namespace kafkasim::check {

struct FinalRecord {
    Offset offset;
    std::string_view value;  // a view, as the replica views hold it
    Id value_id = no_id;     // its number in the Evidence
};

struct FinalLog {
    const TopicPartition* tp = nullptr;  // in the replica views
    Id tp_id = no_id;
    std::vector<FinalRecord> records;
};

// One per partition of the views, in their order; values unnumbered (no_id).
std::vector<FinalLog> final_logs(const ReplicaViews& replicas);

}  // namespace kafkasim::check
