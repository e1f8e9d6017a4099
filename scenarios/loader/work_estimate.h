// How much work a scenario asks for, estimated before it runs, so that a front end can refuse a
// file that would take hours (a typo of a rate, a day of 100 000 records per second) instead of
// starting it. The records sent dominate a run's work: each is appended, replicated, fetched,
// acknowledged and consumed, about a dozen events (bench/million_records: a million records,
// replication factor 3 and a group, take about a second and a half on one core).
#pragma once

#include <cstdint>
#include <optional>

#include "engine/time.h"
#include "scenarios/loader/scenario.h"

namespace kafkasim::scenarios {

// Records a run refuses to start without --force: about a minute of work on one core.
inline constexpr std::int64_t max_records_without_force = 20'000'000;

// The records the producers send until `until` (or the scenario's end): rate × time sending,
// at most max_records each.
std::int64_t estimated_records(const ScenarioSpec& spec, std::optional<engine::Duration> until = std::nullopt);

}  // namespace kafkasim::scenarios
