// Prints "seed trace_hash events" for seeds 1..N of the random engine workload and of the
// world workload (network, disks and every fault). CI runs it from a Debug and a Release
// build and requires identical output.
#include <cstdio>
#include <cstdlib>

#include "engine/trace.h"
#include "tests/support/random_workload.h"
#include "tests/support/world_workload.h"

int main(int argc, char** argv) {
    const long seeds = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 20;
    if (seeds <= 0) {
        std::fprintf(stderr, "usage: determinism_probe [SEEDS>0]\n");
        return 2;
    }
    for (long s = 1; s <= seeds; ++s) {
        kafkasim::testing::RandomWorkloadOptions o;
        o.seed = static_cast<std::uint64_t>(s);
        const auto r = kafkasim::testing::run_random_workload(o);
        std::printf("workload seed=%ld trace_hash=%s events=%llu\n", s,
                    kafkasim::engine::hex16(r.trace_hash).c_str(),
                    static_cast<unsigned long long>(r.events));
    }
    for (long s = 1; s <= seeds; ++s) {
        kafkasim::testing::WorldWorkloadOptions o;
        o.seed = static_cast<std::uint64_t>(s);
        const auto r = kafkasim::testing::run_world_workload(o);
        std::printf("world seed=%ld trace_hash=%s events=%llu\n", s,
                    kafkasim::engine::hex16(r.trace_hash).c_str(),
                    static_cast<unsigned long long>(r.events));
    }
    return 0;
}
