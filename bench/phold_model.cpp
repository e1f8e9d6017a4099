#include "bench/phold_model.h"

#include <chrono>
#include <cmath>
#include <queue>
#include <vector>

#include "engine/simulation.h"
#include "engine/trace.h"

namespace kafkasim::bench {

namespace {

constexpr std::int64_t mean_delay = 1'000'000;
constexpr std::int64_t lookahead = 100'000;

struct SplitMix64 {
    std::uint64_t s;
    std::uint64_t next() {
        s += 0x9E3779B97F4A7C15ull;
        std::uint64_t z = s;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
};

// The model's state and draws, shared by both variants.
struct Model {
    explicit Model(const PholdParams& p) : params(p), rng{p.seed}, count(p.lps, 0) {}

    std::uint32_t draw_lp() {
        return static_cast<std::uint32_t>(((rng.next() >> 32) * params.lps) >> 32);
    }
    std::int64_t draw_delay() {
        const double u = static_cast<double>(rng.next() >> 11) * 0x1.0p-53;
        return lookahead + static_cast<std::int64_t>(-static_cast<double>(mean_delay) * std::log1p(-u));
    }
    // Handles one event; returns {dst, when} of the event it schedules.
    void handle(std::uint32_t lp, std::int64_t now, std::uint32_t& dst, std::int64_t& when) {
        count[lp] += 1;
        processed += 1;
        last = now;
        dst = draw_lp();
        when = now + draw_delay();
    }
    std::uint64_t checksum() const {
        std::uint64_t h = 1469598103934665603ull;
        for (std::uint32_t i = 0; i < params.lps; ++i) {
            h ^= count[i] + 0x9E3779B97F4A7C15ull * (i + 1);
            h *= 1099511628211ull;
        }
        return h;
    }

    PholdParams params;
    SplitMix64 rng;
    std::vector<std::uint64_t> count;
    std::uint64_t processed = 0;
    std::int64_t last = 0;
};

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

struct EngineEvent {
    Model* model;
    engine::Simulation* sim;
    std::uint32_t lp;
    void operator()() const {
        std::uint32_t dst = 0;
        std::int64_t when = 0;
        model->handle(lp, sim->now().us(), dst, when);
        sim->schedule_at(engine::Instant::from_us(when), EngineEvent{model, sim, dst});
    }
};

PholdResult run_engine(const PholdParams& p) {
    PholdResult r;
    const auto t0 = Clock::now();
    Model model(p);
    engine::Simulation sim(0);
    for (std::uint32_t lp = 0; lp < p.lps; ++lp)
        for (std::uint32_t j = 0; j < p.events_per_lp; ++j)
            sim.schedule_at(engine::Instant::from_us(model.draw_delay()), EngineEvent{&model, &sim, lp});
    r.setup_s = seconds_since(t0);
    const auto t1 = Clock::now();
    sim.run(p.total_events);
    r.loop_s = seconds_since(t1);
    r.processed = model.processed;
    r.final_time = model.last;
    r.checksum = model.checksum();
    return r;
}

struct BareEvent {
    std::int64_t time;
    std::uint64_t seq;
    std::uint32_t lp;
    bool operator>(const BareEvent& o) const {
        return time > o.time || (time == o.time && seq > o.seq);
    }
};

PholdResult run_bare(const PholdParams& p) {
    PholdResult r;
    const auto t0 = Clock::now();
    Model model(p);
    std::priority_queue<BareEvent, std::vector<BareEvent>, std::greater<>> q;
    std::uint64_t seq = 0;
    for (std::uint32_t lp = 0; lp < p.lps; ++lp)
        for (std::uint32_t j = 0; j < p.events_per_lp; ++j) q.push({model.draw_delay(), seq++, lp});
    r.setup_s = seconds_since(t0);
    const auto t1 = Clock::now();
    for (std::uint64_t i = 0; i < p.total_events && !q.empty(); ++i) {
        const BareEvent ev = q.top();
        q.pop();
        std::uint32_t dst = 0;
        std::int64_t when = 0;
        model.handle(ev.lp, ev.time, dst, when);
        q.push({when, seq++, dst});
    }
    r.loop_s = seconds_since(t1);
    r.processed = model.processed;
    r.final_time = model.last;
    r.checksum = model.checksum();
    return r;
}

}  // namespace

PholdResult run_phold(PholdVariant variant, const PholdParams& params) {
    return variant == PholdVariant::engine ? run_engine(params) : run_bare(params);
}

std::string fingerprint_hex(std::uint64_t checksum) { return engine::hex16(checksum); }

}  // namespace kafkasim::bench
