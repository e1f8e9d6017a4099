// `kafkasim swarm TEMPLATE`: random fault schedules drawn from a template, one run per seed,
// one JSON line per seed on stdout, every failing run saved as the scenario file that replays
// it (docs/swarm.md). Flags are parsed in main.cpp; this checks their values and runs.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kafkasim::cli {

struct SwarmOptions {
    std::string template_arg;                // a file, or a bundled template's name
    std::string seeds = "1..100";            // A..B inclusive, or one seed
    std::string shard = "0/1";               // i/n: the seeds whose position in the range is i modulo n
    int jobs = 0;                            // child processes at once; 0: one per core
    std::string out_dir = "swarm-failures";  // where failing runs are saved
    std::string event_budget = "50000000";   // events one run may take before it counts as a livelock
    bool quiet = false;                      // no progress and no summary on stderr
};

int run_swarm(const SwarmOptions& options, std::ostream& out, std::ostream& err);

// The --check with which `kafkasim shrink` keeps what failed a swarm line: `crash` for an
// internal error, else `expectation:NAME` for its first failed expectation (`expectations`: the
// template's names). Nothing for what shrink cannot keep: a blown event budget, a run that died,
// a drawn schedule that does not load.
std::optional<std::string> shrink_check_for(const nlohmann::ordered_json& line, const std::vector<std::string>& expectations);

}  // namespace kafkasim::cli
