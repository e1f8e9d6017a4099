// One seed of a swarm (docs/swarm.md): the template with that seed and a drawn fault schedule,
// run to its end within an event budget, and what came of it as one JSON line. A case is a
// plain scenario file, so a failing one is saved as the file that replays it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenarios/loader/scenario.h"

namespace kafkasim::scenarios {

struct SwarmTemplate {
    std::string name;             // the file's base name
    std::string path;
    nlohmann::ordered_json doc;   // the file as written, in its key order
    ScenarioSpec spec;            // loaded; spec.swarm is set
};

// A template by path, or by name from the library's templates/ folder; errors as `validate`
// prints them.
std::variant<SwarmTemplate, std::vector<std::string>> load_swarm_template(const std::string& arg);

// The bundled templates: (name, path), by name.
std::vector<std::pair<std::string, std::string>> library_templates();

// The scenario file of one seed: the template with "seed" set and the drawn faults after its
// own. `drawn` is set to how many faults were drawn.
nlohmann::ordered_json swarm_case_document(const SwarmTemplate& tmpl, std::uint64_t seed, std::int64_t* drawn = nullptr);

struct SwarmOutcome {
    std::uint64_t seed = 0;
    bool ok = false;
    std::uint64_t trace_hash = 0;
    std::uint64_t events = 0;
    std::int64_t sim_time_ms = 0;
    std::int64_t faults_drawn = 0;
    std::int64_t fault_entries = 0;
    std::map<std::string, std::int64_t> checks;
    std::map<std::string, std::int64_t> unconsumed;   // by acks mode: "all", "1", "0"
    std::int64_t leaderless_partitions = 0;           // at the end
    std::int64_t unstable_groups = 0;                 // not Stable at the end
    std::vector<std::string> failed;                  // failed expectations: "name: detail"
    std::vector<std::string> errors;                  // the run's errors, an internal error, a blown budget
    std::int64_t warnings = 0;
};

// Runs `seed` of the template, stopping after `event_budget` events (a livelock is a failure,
// never a hang). Never throws for the model's own failures: they become `errors`.
SwarmOutcome run_swarm_case(const SwarmTemplate& tmpl, std::uint64_t seed, std::uint64_t event_budget);

// The outcome as one line of JSON (docs/swarm.md): seed, ok, trace hash, faults, checker counts,
// liveness, what failed.
nlohmann::ordered_json outcome_json(const SwarmOutcome& outcome);

}  // namespace kafkasim::scenarios
