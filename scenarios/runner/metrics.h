// The metrics of a run (design.md's list), as labelled samples an expectation selects and
// aggregates: acked and failed_sends per producer, topic and partition (from the history),
// leaderless_ms and unavailable_ms per partition (from the trace: partition_clocks.h), and
// leaders and replicas per broker (from the controller's image when the metrics are taken),
// lag per group and partition and idle members per group (from the groups' coordinators, as
// group_report.h describes them), records processed per group, member and partition and
// rebalance pause per member (from the history). The checkers appear too, as one unlabelled
// sample each, or one sample per part for a checker split into parts (unconsumed{acks=…}).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/trace.h"
#include "scenarios/loader/scenario.h"
#include "scenarios/runner/group_report.h"
#include "scenarios/runner/partition_clocks.h"
#include "sim/check/check_result.h"
#include "sim/check/evidence.h"
#include "sim/check/history.h"

namespace kafkasim::cluster {
class Cluster;
}

namespace kafkasim::scenarios {

struct Sample {
    std::map<std::string, std::string> labels;
    double value = 0;
};
using Metrics = std::map<std::string, std::vector<Sample>>;

// The metrics now. `evidence` is the history as the checkers indexed it, `checks` their results
// already computed, `groups` the groups as described now.
Metrics collect_metrics(const check::Evidence& evidence, const LeaderlessClock& leaderless,
                        const UnavailableClock& unavailable, const cluster::Cluster& cluster,
                        const std::map<std::string, check::CheckResult>& checks,
                        const std::vector<GroupReport>& groups, engine::Instant now);

// The value of `ref` over `metrics`, or nullopt when max or min finds no sample.
std::optional<double> evaluate(const MetricRef& ref, const Metrics& metrics);

}  // namespace kafkasim::scenarios
