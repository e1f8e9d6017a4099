// A random workload of the engine's whole world: nodes that connect, send numbered messages,
// close, and write, sync, rename, truncate and delete files, under every fault the engine
// has (crash, power loss with or without torn tails, restart, pause, one-way and two-way
// cuts, partitions, isolation, clogs, heal, slow and full disks), all drawn from the seed.
// Every receiver checks that its connection delivers in order and loses nothing while it
// lives, so a run is also a test of the network's promise. Tests and the determinism probe
// run it to show that one seed gives one trace hash in any build.
#pragma once

#include <cstdint>
#include <memory>

#include "engine/trace.h"

namespace kafkasim::testing {

struct WorldWorkloadOptions {
    std::uint64_t seed = 1;
    std::uint32_t nodes = 6;
    std::int64_t duration_ms = 3000;  // with faults; a healed second follows
    std::shared_ptr<engine::TraceSink> sink;  // optional: sees every record
};

struct WorldWorkloadResult {
    std::uint64_t trace_hash = 0;
    std::uint64_t events = 0;
    std::uint64_t records = 0;
    std::uint64_t delivered = 0;  // messages
    std::uint64_t lost = 0;       // messages lost with their connections
    std::uint64_t faults = 0;
};

WorldWorkloadResult run_world_workload(const WorldWorkloadOptions& options);

}  // namespace kafkasim::testing
