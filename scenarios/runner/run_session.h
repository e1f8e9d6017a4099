// RunSession: a scenario run a front end drives one event at a time (issue 28): step, run
// until a time, jump to an event, rewind, step to the next interesting moment, and the
// finished RunResult. `kafkasim-ui` holds one; the CLI runs the same ScenarioRun in one call.
//
// Rewinding is deterministic re-execution (design.md): the session never copies the model.
// It keeps the views (plain values) of a window of events around the current one: stepping
// back inside the window is instant; a jump further back starts the run over from the
// beginning, steps it to the target and fills the window with the views just before it.
//
// Events are numbered by how many have run: 0 is the start, before any event; the last
// event is E; E + 1 is the end of the run (the clock at its last instant, the checkers and
// the end-of-run expectations judged).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "scenarios/runner/cluster_view.h"
#include "scenarios/runner/run_probes.h"
#include "scenarios/runner/run_series.h"
#include "scenarios/runner/trace_log.h"

namespace kafkasim::scenarios {

struct RunProbes;  // view_builder.h

struct SessionOptions {
    std::optional<std::uint64_t> seed;                      // overrides the file's
    engine::Duration settle = engine::Duration::ms(60000);  // as RunOptions
    std::size_t window = 64;                                // views kept around the current event
    std::size_t trace_log_bytes = std::size_t{64} << 20;    // the trace records kept for the event log
    engine::Duration series_bucket = engine::Duration::ms(250);  // the charts' resolution
};

class RunSession {
public:
    explicit RunSession(ScenarioSpec spec, SessionOptions options = {});
    ~RunSession();
    RunSession(const RunSession&) = delete;
    RunSession& operator=(const RunSession&) = delete;

    const ScenarioSpec& spec() const { return spec_; }
    std::uint64_t seed() const { return seed_; }
    // The current event's number.
    std::uint64_t event() const { return current_; }
    // The time of the current event (of the start: 0; of the end: the run's last instant).
    engine::Instant time() const;
    engine::Instant end() const;
    bool at_end() const { return end_event_ && current_ == *end_event_; }
    // E + 1 once the run has been stepped to its end, else nullopt.
    std::optional<std::uint64_t> end_event() const { return end_event_; }

    // One event forward; false (and nothing changes) at the end.
    bool step();
    // One event back; false at the start.
    bool step_back();
    // To the last event at or before `t` (forward or back).
    void run_until(engine::Instant t);
    // To event `index` (forward or back), or to the end if the run ends before it.
    void run_to_event(std::uint64_t index);
    // To an earlier event: run_to_event, named for what a front end's back button does.
    void rewind_to(std::uint64_t index) { run_to_event(index); }
    // Forward to the next event that recorded a moment (a fault, a crash, an election, an ISR
    // change, a fencing, a rebalance's start or end, a caption, an expectation judged);
    // false, at the end, if there is none.
    bool next_interesting();

    // The view at the current event.
    const ClusterView& view();
    // Every moment the run has reached so far, by event (a timeline's markers).
    const std::vector<Moment>& moments() const { return moments_; }
    // Every trace record the run has written so far, each once however often it ran again.
    const TraceLog& trace_log() const { return *log_; }
    // The charts' series, as far as the run has first gone.
    const RunSeries& series() const { return *series_; }
    // The time of the furthest event any execution has reached: how much of the run is known.
    engine::Instant computed_until() const { return times_.back(); }
    // The finished run, once the session has reached the end.
    const RunResult* result() const { return result_ ? &*result_ : nullptr; }
    // The trace hash of the model as far as it has run (at the end: the run's hash).
    std::uint64_t trace_hash() const;
    // How many times the run was started over (the first start counts as 0).
    std::uint64_t restarts() const { return restarts_; }
    std::size_t views_kept() const { return views_.size(); }

private:
    void start_model();
    // Steps the model one event (or to its end); false if it was already at its end.
    bool step_model();
    void restart_to(std::uint64_t index);
    ClusterView make_view();
    void keep(std::uint64_t index, ClusterView view);

    ScenarioSpec spec_;
    SessionOptions options_;
    std::uint64_t seed_;
    RunOptions run_options_;
    std::unique_ptr<RunProbes> probes_;
    std::shared_ptr<TraceLog> log_;
    std::unique_ptr<RunSeries> series_;
    std::shared_ptr<IsrSizes> isr_;  // this execution's
    std::unique_ptr<ScenarioRun> model_;
    std::uint64_t model_event_ = 0;     // where the model is
    std::set<std::size_t> announced_;   // expectations the model has judged, by index
    std::uint64_t frontier_ = 0;        // the furthest event any execution has reached
    std::uint64_t current_ = 0;         // what the session shows: <= model_event_
    std::optional<std::uint64_t> end_event_;
    std::optional<RunResult> result_;
    std::vector<engine::Instant> times_;  // times_[i]: the time of event i, as far as known
    std::vector<Moment> moments_;
    std::map<std::uint64_t, ClusterView> views_;
    std::uint64_t restarts_ = 0;
};

}  // namespace kafkasim::scenarios
