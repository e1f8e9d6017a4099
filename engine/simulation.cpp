#include "engine/simulation.h"

#include "engine/node.h"

namespace kafkasim::engine {

Simulation::Simulation(std::uint64_t seed)
    : seed_(seed), root_random_(Random::from_seed(seed)) {}

Simulation::~Simulation() = default;

bool Simulation::step() {
    // The event count is taken before the handler runs, so a handler sees itself counted.
    ++events_;
    if (!queue_.run_next(now_)) {
        --events_;
        return false;
    }
    if (!invariants_.empty()) after_event();
    return true;
}

std::uint64_t Simulation::run(std::uint64_t n) {
    std::uint64_t ran = 0;
    while (ran < n && step()) ++ran;
    return ran;
}

void Simulation::run_until(Instant t) {
    SIM_ASSERT(t >= now_, "run_until cannot go back in time");
    while (!queue_.empty() && queue_.next_time() <= t) step();
    now_ = t;
}

void Simulation::run_all() {
    while (step()) {
    }
}

void Simulation::add_invariant(std::string name, std::function<void()> check) {
    invariants_.push_back({std::move(name), std::move(check)});
}

void Simulation::after_event() {
    for (const Invariant& inv : invariants_) inv.check();
}

Node& Simulation::add_node(std::string name) {
    const NodeId id{static_cast<std::uint32_t>(nodes_.size())};
    trace_.set_node_name(id, name);
    nodes_.push_back(std::make_unique<Node>(*this, id, std::move(name)));
    return *nodes_.back();
}

Node& Simulation::node(NodeId id) {
    SIM_ASSERT(id.value < nodes_.size(), "no node with this id");
    return *nodes_[id.value];
}

}  // namespace kafkasim::engine
