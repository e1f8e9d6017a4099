// Passes of `kafkasim shrink` that lower numbers of the scenario (docs/cli.md): `duration_ms` to
// the fewest whole seconds that still fail (never before the last fault), each producer's
// `rate_per_s` halved while it still fails, and the cluster's `brokers` to the fewest that
// still load and fail. The searches assume that more of each fails when less does; each pass
// leaves `doc` failing, since it only ever adopts a candidate that fails.
#pragma once

#include "scenarios/shrink/candidate_runner.h"

namespace kafkasim::shrink {

void shorten_duration(Doc& doc, CandidateRunner& runner);
void halve_rates(Doc& doc, CandidateRunner& runner);
void reduce_brokers(Doc& doc, CandidateRunner& runner);

}  // namespace kafkasim::shrink
