#include "engine/node.h"

#include <algorithm>

namespace kafkasim::engine {

Node::Node(Simulation& sim, NodeId id, std::string name)
    : sim_(sim), id_(id), name_(std::move(name)) {}

void Node::add_listener(std::function<void(NodeEvent)> listener) {
    listeners_.push_back(std::move(listener));
}

void Node::notify(NodeEvent e) {
    for (const auto& l : listeners_) l(e);
}

void Node::start() {
    if (state_ != NodeState::stopped) return;
    state_ = NodeState::running;
    ++incarnation_;
    trace("node.start", {{"incarnation", incarnation_}});
    notify(NodeEvent::started);
    if (factory_) process_ = factory_(*this);
}

void Node::crash() {
    if (state_ == NodeState::stopped) return;
    trace("node.crash", {{"incarnation", incarnation_}});
    stop(NodeEvent::crashed);
}

void Node::power_loss() {
    if (state_ == NodeState::stopped) {
        // The machine may already be down after a crash; the disk still loses its cache.
        trace("node.power_loss", {{"incarnation", incarnation_}, {"was_up", false}});
        notify(NodeEvent::power_lost);
        return;
    }
    trace("node.power_loss", {{"incarnation", incarnation_}, {"was_up", true}});
    stop(NodeEvent::power_lost);
}

void Node::stop(NodeEvent why) {
    state_ = NodeState::stopped;
    // In the order they were set, as the event queue's free slots would be with an ordered map.
    std::vector<std::pair<std::uint64_t, EventId>> timers(timers_.begin(), timers_.end());
    std::sort(timers.begin(), timers.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [key, ev] : timers) sim_.cancel(ev);
    timers_.clear();
    deferred_.clear();
    sim_.cancel(resume_event_);
    resume_event_ = {};
    notify(why);
    // Destroyed last: listeners may still name the process's node, never its memory.
    process_.reset();
}

void Node::pause(Duration d) {
    if (state_ == NodeState::stopped) return;
    const Instant until = sim_.now() + d;
    if (state_ == NodeState::paused && until <= resume_at_) return;
    trace("node.pause", {{"until_us", until.us()}});
    sim_.cancel(resume_event_);
    resume_at_ = until;
    resume_event_ = sim_.schedule_at(until, [this] { resume(); });
    if (state_ == NodeState::running) {
        state_ = NodeState::paused;
        notify(NodeEvent::paused);
    }
}

void Node::resume() {
    if (state_ != NodeState::paused) return;
    sim_.cancel(resume_event_);
    resume_event_ = {};
    state_ = NodeState::running;
    trace("node.resume", {{"deferred", static_cast<std::int64_t>(deferred_.size())}});
    notify(NodeEvent::resumed);
    flush_deferred();
}

void Node::flush_deferred() {
    // Each waiting item becomes its own event now, in arrival order, so invariants are
    // checked between them and a fault at this instant still finds them queued.
    const std::uint64_t inc = incarnation_;
    while (!deferred_.empty()) {
        sim_.schedule_at(sim_.now(), [this, inc, fn = std::move(deferred_.front())]() mutable {
            if (incarnation_ == inc) dispatch(std::move(fn));
        });
        deferred_.pop_front();
    }
}

bool Node::cancel_timer(TimerId id) {
    const auto it = timers_.find(id.key);
    if (it == timers_.end()) return false;
    sim_.cancel(it->second);
    timers_.erase(it);
    return true;
}

bool Node::dispatch(std::function<void()> fn) {
    switch (state_) {
        case NodeState::running: fn(); return true;
        case NodeState::paused: deferred_.push_back(std::move(fn)); return true;
        case NodeState::stopped: return false;
    }
    return false;
}

}  // namespace kafkasim::engine
