// Trace sinks that make a run fail a SIM_ASSERT on a given fault, for tests of what a crash does
// (`kafkasim shrink --check crash`): no valid input reaches a real one. Each asserts at its own
// place, so the two are different bugs; both are stateless, so one sink serves every run.
#pragma once

#include <algorithm>

#include "engine/assert.h"
#include "engine/trace.h"

namespace kafkasim::testing {

// Fails when a node pauses for 2 s or more.
class LongPauseSink : public engine::TraceSink {
public:
    void write(const engine::TraceRecordView& r) override {
        if (r.kind != "node.pause") return;
        const auto until = std::find_if(r.fields.begin(), r.fields.end(), [](const engine::TraceField& f) { return f.key == "until_us"; });
        const std::int64_t pause_us = until->value.as_int() - r.time.us();
        SIM_ASSERT(pause_us < 2'000'000, "injected: a pause of 2 s or more");
    }
};

// Fails when broker-2 loses power.
class PowerLossSink : public engine::TraceSink {
public:
    void write(const engine::TraceRecordView& r) override {
        SIM_ASSERT(r.kind != "node.power_loss" || r.node_name != "broker-2", "injected: broker-2 lost power");
    }
};

}  // namespace kafkasim::testing
