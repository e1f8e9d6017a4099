// PHOLD (Fujimoto 1990), fixed to the bit by ../shared/phold.md so that a run can be
// compared with any other engine running the same event sequence: same events in the same
// order give the same fingerprint (final_time, checksum).
#pragma once

#include <cstdint>
#include <string>

namespace kafkasim::bench {

struct PholdParams {
    std::uint32_t lps = 1024;              // N
    std::uint32_t events_per_lp = 16;      // M
    std::uint64_t total_events = 200000;   // E
    std::uint64_t seed = 42;
};

struct PholdResult {
    std::uint64_t processed = 0;
    std::int64_t final_time = 0;
    std::uint64_t checksum = 0;
    double setup_s = 0;  // wall-clock seconds, measured outside the simulation
    double loop_s = 0;
};

enum class PholdVariant { engine, bare };

// `engine` runs on kafkasim's Simulation (type-erased handlers, the real scheduling path);
// `bare` on a std::priority_queue of POD events, the limit an engine is measured against.
PholdResult run_phold(PholdVariant variant, const PholdParams& params);

std::string fingerprint_hex(std::uint64_t checksum);

}  // namespace kafkasim::bench
