#include "scenarios/shrink/value_passes.h"

#include <algorithm>

#include "scenarios/shrink/ddmin.h"
#include "scenarios/shrink/scenario_size.h"

namespace kafkasim::shrink {

namespace {

// The loader's smallest rate_per_s.
constexpr double min_rate_per_s = 0.001;

}  // namespace

void shorten_duration(Doc& doc, CandidateRunner& runner) {
    const auto current = doc["duration_ms"].get<std::int64_t>();
    std::int64_t last_fault_ms = 0;
    for (const Doc& f : doc.value("faults", Doc::array())) last_fault_ms = std::max(last_fault_ms, f["at_ms"].get<std::int64_t>());
    // In whole seconds: the first that holds the last fault, and the first at or past the current.
    const std::int64_t lo = std::max<std::int64_t>(1, (last_fault_ms + 999) / 1000);
    const std::int64_t hi = (current + 999) / 1000;
    if (lo >= hi) return;
    const auto fails = [&](std::int64_t seconds) {
        Doc c = doc;
        c["duration_ms"] = seconds * 1000;
        return runner.fails(c);
    };
    const std::int64_t seconds = lowest_failing(lo, hi, fails);
    if (seconds * 1000 < current) doc["duration_ms"] = seconds * 1000;
}

void halve_rates(Doc& doc, CandidateRunner& runner) {
    if (!doc.contains("producers")) return;
    for (std::size_t i = 0; i < doc["producers"].size(); ++i) {
        for (;;) {
            const double half = doc["producers"][i]["rate_per_s"].get<double>() / 2;
            if (half < min_rate_per_s) break;
            Doc c = doc;
            c["producers"][i]["rate_per_s"] = plain_number(half);
            if (!runner.fails(c)) break;
            doc = std::move(c);
        }
    }
}

void reduce_brokers(Doc& doc, CandidateRunner& runner) {
    const auto current = doc["cluster"]["brokers"].get<std::int64_t>();
    const auto fails = [&](std::int64_t brokers) {
        Doc c = doc;
        c["cluster"]["brokers"] = brokers;
        return runner.fails(c);
    };
    if (current > 1) doc["cluster"]["brokers"] = lowest_failing(1, current, fails);
}

}  // namespace kafkasim::shrink
