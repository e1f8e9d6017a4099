// Running a scenario: the cluster, an admin client that creates the topics once the brokers
// are up, one LoadProducer per "producers" entry, one Consumer per group member (from its
// join_ms; closed at its leave_ms), the timed faults (roles resolved when each
// fires, from the controller's view), the captions; then, at duration_ms, the drained phase:
// producers stop sending, every network fault heals, slow disks recover, stopped servers
// restart, and the cluster settles for `settle` before the checkers and the end-of-run
// expectations are judged (design.md: lost_acked counts after a healed, drained phase).
// Expectations with at_ms are judged at that time, as the run passes it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/trace.h"
#include "scenarios/loader/scenario.h"
#include "scenarios/runner/metrics.h"
#include "sim/check/check_result.h"

namespace kafkasim::engine {
class Node;
class WireObserver;
}
namespace kafkasim::cluster {
class Cluster;
}

namespace kafkasim::scenarios {

struct RunOptions {
    std::optional<std::uint64_t> seed;            // overrides the file's
    std::optional<engine::Duration> until;        // stop there: later expectations are not reached
    engine::Duration settle = engine::Duration::ms(60000);
    std::vector<std::shared_ptr<engine::TraceSink>> trace_sinks;
    std::shared_ptr<engine::WireObserver> wire_observer;     // may be null (net/network.h)
    std::function<void(const Caption&)> on_caption;          // at each caption's time
    std::function<void(engine::Instant, engine::Instant)> on_progress;  // (now, end), about every simulated second
};

struct ExpectationResult {
    std::string name;
    std::optional<bool> ok;  // nullopt: not reached (the run stopped before its time)
    std::string detail;      // "lost_acked == 0: 0 == 0"
    bool safety = false;
    bool operator==(const ExpectationResult&) const = default;
};

struct CheckSummary {
    std::int64_t count = 0;
    std::vector<std::string> examples;    // at most five
    std::vector<check::CountPart> parts;  // shares of count by label (unconsumed: by acks), or none
};

// A partition at the end, as `kafka-topics --describe` shows it, with its leader's log end
// offset and high watermark (-1 without a leader).
struct PartitionState {
    std::int32_t partition = 0;
    std::int32_t leader = -1;
    std::vector<std::int32_t> replicas;
    std::vector<std::int32_t> isr;
    std::int64_t log_end_offset = -1;
    std::int64_t high_watermark = -1;
};
struct TopicState {
    std::string name;
    std::vector<PartitionState> partitions;
};

struct RunResult {
    std::string scenario;
    std::uint64_t seed = 0;
    std::uint64_t trace_hash = 0;
    std::uint64_t events = 0;
    std::int64_t sim_time_ms = 0;
    std::map<std::string, CheckSummary> checks;  // every checker of design.md's table
    Metrics metrics;                             // at the end
    std::vector<ExpectationResult> expectations; // in the file's order
    std::vector<TopicState> topics;              // at the end, by name (internal topics included)
    std::vector<GroupReport> groups;             // at the end, in the file's order
    std::vector<std::string> warnings;           // faults refused when they fired ("at 10000 ms: …")
    std::vector<std::string> errors;             // the run is not what the file says: a topic of it refused
    bool all_ok() const;                         // no error, and no expectation failed
};

class Runner;  // scenario_run.cpp

// One execution of a scenario, forward only: the object both `kafkasim run` (run_to_end, in
// one call) and the visualizer's RunSession (one event at a time) drive, so both give the same
// trace. `spec` and `options` must outlive it. Nothing here goes back: a rewind is a new
// ScenarioRun stepped to the target (design.md, "Time, numbers and determinism").
class ScenarioRun {
public:
    ScenarioRun(const ScenarioSpec& spec, const RunOptions& options);
    ~ScenarioRun();
    ScenarioRun(const ScenarioRun&) = delete;
    ScenarioRun& operator=(const ScenarioRun&) = delete;

    // Runs the next event if one is pending at or before end(); otherwise sets the clock to
    // end() and returns false.
    bool step();
    // The time of the event the next step() runs, or nullopt when that step ends the run (at
    // end()). Peeking runs nothing.
    std::optional<engine::Instant> next_time();
    // Runs every remaining event, calling on_progress about every simulated second.
    void run_to_end();
    // Judges the checkers and the end-of-run expectations at the clock's time. Once.
    RunResult finish();

    engine::Instant now() const;
    // The run's last instant: duration_ms plus the settle time, or the `until` time.
    engine::Instant end() const;
    std::uint64_t events() const;
    std::uint64_t trace_hash() const;

    // Read-only access for observers (the visualizer's view, tests). Nothing may change the
    // model through it: a front end changes a run only by stepping it.
    cluster::Cluster& cluster();
    const check::History& history() const;
    const std::map<std::string, engine::Node*>& clients() const;
    // Expectations with at_ms judged so far, by their index in the file.
    const std::map<std::size_t, ExpectationResult>& judged() const;

private:
    std::unique_ptr<Runner> runner_;
};

RunResult run_scenario(const ScenarioSpec& spec, const RunOptions& options = {});

// Every checker name of design.md's table, in its order.
const std::vector<std::string>& checker_names();

}  // namespace kafkasim::scenarios
