#include "scenarios/shrink/value_passes.h"

#include <algorithm>

#include "scenarios/shrink/ddmin.h"
#include "scenarios/shrink/scenario_size.h"

namespace kafkasim::shrink {

namespace {

// Halving stops here: a teacher reads the file, and a record a second is slow enough to follow
// (the loader would take 0.001).
constexpr double min_rate_per_s = 1;

// The number at `at` lowered to the smallest round value from `lo` that still fails.
void lower_to_round_value(Doc& doc, const Doc::json_pointer& at, std::int64_t lo, Judge& judge) {
    const auto current = doc[at].get<std::int64_t>();
    const std::vector<std::int64_t> values = round_values(lo, current);
    const auto n = static_cast<std::int64_t>(values.size());
    const auto value = [&](std::int64_t i) { return i < n ? values[static_cast<std::size_t>(i)] : current; };
    const auto fails = [&](std::int64_t i) {
        Doc c = doc;
        c[at] = value(i);
        return judge.fails(c);
    };
    if (n > 0) doc[at] = value(lowest_failing(0, n, fails));
}

// Each fault with `action` gets its number at `argument` (a pointer below the fault) lowered.
void lower_fault_argument(Doc& doc, const char* action, const char* argument, std::int64_t lo, Judge& judge) {
    if (!doc.contains("faults")) return;
    for (std::size_t i = 0; i < doc["faults"].size(); ++i) {
        const Doc::json_pointer at("/faults/" + std::to_string(i) + argument);
        if (doc["faults"][i].contains(action) && doc.contains(at)) lower_to_round_value(doc, at, lo, judge);
    }
}

}  // namespace

std::vector<std::int64_t> round_values(std::int64_t lo, std::int64_t below) {
    std::vector<std::int64_t> out;
    for (std::int64_t v = std::max<std::int64_t>(lo, 1); v < below && v < 100; ++v) out.push_back(v);
    for (std::int64_t step = 10; step <= below / 10; step *= 10)
        for (std::int64_t m = 10; m < 100 && m * step < below; ++m)
            if (m * step >= lo) out.push_back(m * step);
    return out;
}

void shorten_duration(Doc& doc, Judge& judge) {
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
        return judge.fails(c);
    };
    const std::int64_t seconds = lowest_failing(lo, hi, fails);
    if (seconds * 1000 < current) doc["duration_ms"] = seconds * 1000;
}

void halve_rates(Doc& doc, Judge& judge) {
    if (!doc.contains("producers")) return;
    for (std::size_t i = 0; i < doc["producers"].size(); ++i) {
        for (;;) {
            const double rate = doc["producers"][i]["rate_per_s"].get<double>();
            if (rate <= min_rate_per_s) break;
            Doc c = doc;
            c["producers"][i]["rate_per_s"] = plain_number(std::max(rate / 2, min_rate_per_s));
            if (!judge.fails(c)) break;
            doc = std::move(c);
        }
    }
}

void shorten_pauses(Doc& doc, Judge& judge) { lower_fault_argument(doc, "pause", "/for_ms", 1, judge); }

void lower_clogs(Doc& doc, Judge& judge) { lower_fault_argument(doc, "clog", "/clog/extra_ms", 1, judge); }

// From 2: a factor of 1 is the disk back to speed, a fault of its own.
void lower_disk_factors(Doc& doc, Judge& judge) { lower_fault_argument(doc, "slow_disk", "/factor", 2, judge); }

void reduce_brokers(Doc& doc, Judge& judge) {
    const auto current = doc["cluster"]["brokers"].get<std::int64_t>();
    const auto fails = [&](std::int64_t brokers) {
        Doc c = doc;
        c["cluster"]["brokers"] = brokers;
        return judge.fails(c);
    };
    if (current > 1) doc["cluster"]["brokers"] = lowest_failing(1, current, fails);
}

}  // namespace kafkasim::shrink
