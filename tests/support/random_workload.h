// A random engine workload: nodes whose timers fire at random, pass work to each other,
// cancel timers, and crash, restart and pause, all drawn from the run's seed. Tests and
// the determinism probe run it to show that one seed gives one trace hash in any build.
#pragma once

#include <cstdint>
#include <string>

namespace kafkasim::testing {

struct RandomWorkloadOptions {
    std::uint64_t seed = 1;
    std::uint32_t nodes = 8;
    std::int64_t duration_ms = 2000;
};

struct RandomWorkloadResult {
    std::uint64_t trace_hash = 0;
    std::uint64_t events = 0;
    std::uint64_t records = 0;
};

RandomWorkloadResult run_random_workload(const RandomWorkloadOptions& options);

}  // namespace kafkasim::testing
