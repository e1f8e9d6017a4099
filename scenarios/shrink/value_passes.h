// Passes of `kafkasim shrink` that lower numbers of the scenario (docs/cli.md): `duration_ms` to
// the fewest whole seconds that still fail (never before the last fault), each producer's
// `rate_per_s` halved while it still fails (never below 1 record a second), the faults'
// arguments (a pause's `for_ms`, a clog's `extra_ms`, a slow disk's `factor`) to the smallest
// round value that still fails, and the cluster's `brokers` to the fewest that still load and
// fail. The searches assume that more of each fails when less does; each pass leaves `doc`
// failing, since it only ever adopts a candidate that fails.
#pragma once

#include <cstdint>
#include <vector>

#include "scenarios/shrink/candidate_runner.h"

namespace kafkasim::shrink {

void shorten_duration(Doc& doc, Judge& judge);
void halve_rates(Doc& doc, Judge& judge);
void shorten_pauses(Doc& doc, Judge& judge);
void lower_clogs(Doc& doc, Judge& judge);
void lower_disk_factors(Doc& doc, Judge& judge);
void reduce_brokers(Doc& doc, Judge& judge);

// The values in [lo, below) with at most two significant digits (1 … 99, 100, 110 … 990, 1000,
// 1100 …), increasing: what the fault argument passes try, so that a shrunk file holds numbers a
// teacher reads at a glance (a 2000 ms pause, not 1873).
std::vector<std::int64_t> round_values(std::int64_t lo, std::int64_t below);

}  // namespace kafkasim::shrink
