// The trace records of the controller's decisions (docs/trace.md, "Kinds recorded by the
// controller"): one per metadata record it writes, read from the image just after the record
// was applied, so a leader epoch in the trace is the one the record produced.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/node.h"
#include "sim/metadata/cluster_image.h"

namespace kafkasim::controller {

// `reason` says why the batch holding `entry` was written ("session_timeout", …).
void trace_entry(engine::Node& node, const metadata::ClusterImage& image, const MetadataEntry& entry,
                 std::string_view reason);

// "1,2,3": a replica list as the trace writes it.
std::string broker_list(const std::vector<BrokerId>& brokers);

}  // namespace kafkasim::controller
