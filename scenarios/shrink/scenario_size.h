// The dimensions `kafkasim shrink` makes smaller, read from a scenario's JSON: what its progress
// lines and summary compare before and after.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "scenarios/shrink/failure_check.h"

namespace kafkasim::shrink {

struct ScenarioSize {
    std::size_t faults = 0;
    std::size_t producers = 0;
    std::size_t groups = 0;
    std::size_t members = 0;    // of every group: its count, or its list's length
    std::size_t topics = 0;
    std::int64_t brokers = 0;   // at the start
    std::int64_t duration_ms = 0;
    double rate_per_s = 0;      // every producer's together
    std::size_t fault_nodes = 0;   // entries of power_loss lists and partition groups ("all" is one)
    std::int64_t pause_ms = 0;     // every pause's for_ms together
    std::int64_t clog_ms = 0;      // every clog's extra_ms together
    std::int64_t disk_factor = 1;  // the largest slow_disk factor (1: none)
    bool operator==(const ScenarioSize&) const = default;
};

// `doc` must be a scenario that loads.
ScenarioSize measure(const Doc& doc);

// `v` as a file would write it: an integer when it is whole (40, not 40.0), else the double.
Doc plain_number(double v);

}  // namespace kafkasim::shrink
