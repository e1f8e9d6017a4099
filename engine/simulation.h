// Simulation: the clock, the event queue, the run's seed and trace, the nodes, and the
// invariant checkers that run after every event. Single-threaded; nothing here reads the
// wall clock. Components never reach it through a global: it is handed in (style.md, Seams).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/event_queue.h"
#include "engine/random.h"
#include "engine/time.h"
#include "engine/trace.h"

namespace kafkasim::engine {

class Node;

class Simulation {
public:
    explicit Simulation(std::uint64_t seed);
    ~Simulation();
    Simulation(const Simulation&) = delete;
    Simulation& operator=(const Simulation&) = delete;

    Instant now() const { return now_; }
    std::uint64_t seed() const { return seed_; }
    std::uint64_t events_processed() const { return events_; }
    std::size_t pending_events() const { return queue_.size(); }
    // The time of the earliest pending event, or nullopt if none is pending (a front end
    // stepping one event at a time stops before an event past its end).
    std::optional<Instant> next_event_time() {
        if (queue_.empty()) return std::nullopt;
        return queue_.next_time();
    }

    // Schedules `f` at `at` (never before now()). Events at one instant run in the order
    // they were scheduled.
    template <class F>
    EventId schedule_at(Instant at, F&& f) {
        SIM_ASSERT(at >= now_, "an event cannot be scheduled in the past");
        return queue_.push(at, std::forward<F>(f));
    }
    template <class F>
    EventId schedule_after(Duration d, F&& f) {
        return schedule_at(now_ + d, std::forward<F>(f));
    }
    // True if the event was pending and will not run.
    bool cancel(EventId id) { return queue_.cancel(id); }

    // Runs the next event; false if none is pending.
    bool step();
    // Runs up to `n` events; returns how many ran.
    std::uint64_t run(std::uint64_t n);
    // Runs every event at or before `t`, then sets the clock to `t`.
    void run_until(Instant t);
    // Runs until no event is pending.
    void run_all();

    // A random stream derived from the seed and `name` alone (random.h).
    Random random_stream(std::string_view name) const { return root_random_.split(name); }

    Trace& trace() { return trace_; }
    // A record from the engine itself (no node).
    void trace_event(std::string_view kind, std::initializer_list<TraceField> fields) {
        trace_.record(now_, NodeId::none(), kind, fields);
    }

    // A check run after every event; it fails through SIM_ASSERT or by throwing.
    void add_invariant(std::string name, std::function<void()> check);

    // Nodes live as long as the simulation; ids count from 0 in creation order.
    Node& add_node(std::string name);
    Node& node(NodeId id);
    std::size_t node_count() const { return nodes_.size(); }

private:
    void after_event();

    std::uint64_t seed_;
    Random root_random_;
    Instant now_ = Instant::zero();
    std::uint64_t events_ = 0;
    EventQueue queue_;
    Trace trace_;
    struct Invariant {
        std::string name;
        std::function<void()> check;
    };
    std::vector<Invariant> invariants_;
    std::vector<std::unique_ptr<Node>> nodes_;
};

}  // namespace kafkasim::engine
