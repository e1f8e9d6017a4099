// `kafkasim swarm TEMPLATE`: random fault schedules drawn from a template, one run per seed,
// one JSON line per seed on stdout, every failing run saved as the scenario file that replays
// it (docs/swarm.md). Flags are parsed in main.cpp; this checks their values and runs.
#pragma once

#include <iosfwd>
#include <string>

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

}  // namespace kafkasim::cli
