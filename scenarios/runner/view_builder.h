// Building a ClusterView from a run at its current event: the processes' observer accessors
// (the controller's image, each broker's replicas and logs, the group coordinators, the
// clients' counters), the history and the run's probes (run_probes.h). Reads only.
#pragma once

#include <memory>
#include <vector>

#include "scenarios/runner/cluster_view.h"
#include "scenarios/runner/run_probes.h"

namespace kafkasim::scenarios {

// The observers one execution of a scenario feeds, made before it starts.
struct RunProbes {
    std::shared_ptr<LinkFaults> links = std::make_shared<LinkFaults>();
    std::shared_ptr<Moments> moments = std::make_shared<Moments>();
    std::shared_ptr<WireWatch> wire = std::make_shared<WireWatch>();
    std::vector<CaptionView> captions;  // shown so far
};

// How many of a replica's newest records a view keeps.
inline constexpr std::size_t view_records = 48;

ClusterView build_view(ScenarioRun& run, const ScenarioSpec& spec, const RunProbes& probes);

}  // namespace kafkasim::scenarios
