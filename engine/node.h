// Node: one machine of the simulated world (a server, the controller, a client): an id and
// a name, a lifecycle, and a timer facility. What runs on it is a Process, made by the
// node's factory at each start: a crash destroys the process (its memory is gone) and a
// restart builds a fresh one, which must rebuild itself from what survives outside it.
//
// The network and disk learn of crashes, power losses and pauses through listeners, so
// that each applies its own rule (design.md, "Failures, and what survives them").
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/simulation.h"

namespace kafkasim::engine {

class Node;

// The volatile state of whatever runs on a node. Its destructor must not touch the world.
class Process {
public:
    virtual ~Process() = default;
};

using ProcessFactory = std::function<std::unique_ptr<Process>(Node&)>;

enum class NodeState : std::uint8_t { stopped, running, paused };
enum class NodeEvent : std::uint8_t { started, crashed, power_lost, paused, resumed };

struct TimerId {
    std::uint64_t key = 0;  // 0 never names a timer
    bool valid() const { return key != 0; }
};

class Node {
public:
    Node(Simulation& sim, NodeId id, std::string name);
    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;

    NodeId id() const { return id_; }
    const std::string& name() const { return name_; }
    NodeState state() const { return state_; }
    bool is_up() const { return state_ != NodeState::stopped; }
    // Counts starts: a message or timer from an earlier incarnation never reaches a later one.
    std::uint64_t incarnation() const { return incarnation_; }
    Simulation& sim() { return sim_; }
    Instant now() const { return sim_.now(); }
    Process* process() { return process_.get(); }

    void set_process_factory(ProcessFactory factory) { factory_ = std::move(factory); }
    void add_listener(std::function<void(NodeEvent)> listener);

    // Lifecycle. Each leaves a trace record. start() on a running node, or crash() on a
    // stopped one, is a no-op (a fault aimed at a node that is already in that state).
    void start();
    void crash();
    void power_loss();
    // Nothing runs on the node for `d`; timers and dispatched work wait and run, in order,
    // when it resumes. Pausing a paused node extends the pause to the later end.
    void pause(Duration d);
    void resume();

    // Runs `f` after `d` on this node, late if the node is paused then; a crash cancels it.
    template <class F>
    TimerId set_timer(Duration d, F&& f) {
        SIM_ASSERT(state_ != NodeState::stopped, "a stopped node sets no timers");
        const std::uint64_t key = ++timer_seq_;
        const EventId ev = sim_.schedule_after(
            d, [this, key, fn = std::function<void()>(std::forward<F>(f))]() mutable {
                timers_.erase(key);
                dispatch(std::move(fn));
            });
        timers_.emplace(key, ev);
        return TimerId{key};
    }
    // Runs `f` at the deadline `at`, or at once if it has passed: a process that stood still
    // (a pause) past its own deadline finds them due when it runs again, as a real timer does.
    template <class F>
    TimerId set_timer_at(Instant at, F&& f) {
        return set_timer(at > sim_.now() ? at - sim_.now() : Duration::zero(), std::forward<F>(f));
    }
    // True if the timer was pending and will not fire.
    bool cancel_timer(TimerId id);
    std::size_t pending_timers() const { return timers_.size(); }

    // Hands work to the node: runs now if it is running, waits for the resume if paused,
    // and is dropped if the node is stopped. Returns false only when dropped.
    bool dispatch(std::function<void()> fn);

    // dispatch() for work meant for one incarnation only (a network delivery, a disk
    // completion): dropped if the node has restarted since, so it never reaches a process
    // that did not ask for it. Runs in place, without wrapping, when the node is running.
    template <class F>
    bool dispatch_to(std::uint64_t incarnation, F&& f) {
        if (incarnation != incarnation_) return false;
        if (state_ == NodeState::running) {
            f();
            return true;
        }
        return dispatch(std::function<void()>(std::forward<F>(f)));
    }

    void trace(std::string_view kind, std::initializer_list<TraceField> fields) {
        sim_.trace().record(sim_.now(), id_, kind, fields);
    }

private:
    void stop(NodeEvent why);
    void notify(NodeEvent e);
    void flush_deferred();

    Simulation& sim_;
    NodeId id_;
    std::string name_;
    NodeState state_ = NodeState::stopped;
    std::uint64_t incarnation_ = 0;
    ProcessFactory factory_;
    std::unique_ptr<Process> process_;
    std::vector<std::function<void(NodeEvent)>> listeners_;
    // Ordered by creation so a crash cancels them in a fixed order.
    // Looked up by every cancel; walked only when the node stops, in key order.
    std::unordered_map<std::uint64_t, EventId> timers_;
    std::uint64_t timer_seq_ = 0;
    std::deque<std::function<void()>> deferred_;
    Instant resume_at_;
    EventId resume_event_;
};

}  // namespace kafkasim::engine
