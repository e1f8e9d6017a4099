// Drawing a random fault schedule for one seed of a swarm (docs/swarm.md): the template's
// `swarm` section says when faults may fire, how many and of which kinds; each fault targets a
// node by name or by role (the leader or a follower of a partition, a group's coordinator, the
// controller), and each is undone some time later (a restart, a heal, a disk back to speed) or
// at `faults_until`, where everything heals and every node restarts. Drawn on the seed's own
// stream, so a seed always gives the same schedule.
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "scenarios/loader/scenario.h"

namespace kafkasim::scenarios {

struct FaultSchedule {
    // The `faults` array of a scenario file, in time order: the drawn faults, their undoing,
    // and the heal-everything at faults_until.
    nlohmann::ordered_json faults;
    std::int64_t drawn = 0;  // how many of them were drawn (the rest undo them)
};

// `spec.swarm` must be set.
FaultSchedule draw_faults(const ScenarioSpec& spec, std::uint64_t seed);

}  // namespace kafkasim::scenarios
