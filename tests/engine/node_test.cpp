#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/node.h"

using namespace kafkasim::engine;

namespace {

struct Counter : Process {
    explicit Counter(std::vector<std::string>& log) : log_(log) { log_.push_back("built"); }
    ~Counter() override { log_.push_back("destroyed"); }
    std::vector<std::string>& log_;
};

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("node timers fire after their delay and can be cancelled") {
    Simulation sim(1);
    Node& n = sim.add_node("a");
    n.start();
    std::vector<std::int64_t> fired;
    n.set_timer(Duration::ms(3), [&] { fired.push_back(sim.now().ms()); });
    const TimerId t = n.set_timer(Duration::ms(2), [&] { fired.push_back(-1); });
    n.set_timer(Duration::ms(1), [&] { fired.push_back(sim.now().ms()); });
    CHECK(n.pending_timers() == 3);
    CHECK(n.cancel_timer(t));
    CHECK_FALSE(n.cancel_timer(t));
    sim.run_all();
    CHECK(fired == std::vector<std::int64_t>{1, 3});
    CHECK(n.pending_timers() == 0);
}

TEST_CASE("a crash destroys the process and cancels its timers and a restart builds a new one") {
    // Declared before the simulation: the process writes to it when the node is destroyed.
    std::vector<std::string> log;
    Simulation sim(1);
    Node& n = sim.add_node("a");
    n.set_process_factory([&](Node&) { return std::make_unique<Counter>(log); });
    std::vector<NodeEvent> seen;
    n.add_listener([&](NodeEvent e) { seen.push_back(e); });
    n.start();
    CHECK(n.incarnation() == 1);
    bool fired = false;
    n.set_timer(Duration::ms(5), [&] { fired = true; });
    sim.schedule_at(Instant::from_ms(2), [&] { n.crash(); });
    sim.schedule_at(Instant::from_ms(3), [&] { n.start(); });
    sim.run_all();
    CHECK_FALSE(fired);
    CHECK(n.state() == NodeState::running);
    CHECK(n.incarnation() == 2);
    CHECK(log == std::vector<std::string>{"built", "destroyed", "built"});
    CHECK(seen == std::vector<NodeEvent>{NodeEvent::started, NodeEvent::crashed, NodeEvent::started});
}

TEST_CASE("a paused node handles late timers and queued work in order when it resumes") {
    Simulation sim(1);
    Node& n = sim.add_node("a");
    n.start();
    std::vector<std::string> order;
    n.set_timer(Duration::ms(2), [&] { order.push_back("timer@" + std::to_string(sim.now().ms())); });
    sim.schedule_at(Instant::from_ms(1), [&] { n.pause(Duration::ms(10)); });
    sim.schedule_at(Instant::from_ms(4), [&] {
        n.dispatch([&] { order.push_back("msg1@" + std::to_string(sim.now().ms())); });
    });
    sim.schedule_at(Instant::from_ms(5), [&] {
        n.dispatch([&] { order.push_back("msg2@" + std::to_string(sim.now().ms())); });
    });
    sim.run_until(Instant::from_ms(9));
    CHECK(order.empty());
    CHECK(n.state() == NodeState::paused);
    sim.run_all();
    CHECK(order == std::vector<std::string>{"timer@11", "msg1@11", "msg2@11"});
    CHECK(n.state() == NodeState::running);
}

TEST_CASE("a deadline that passed while the node stood still fires at once") {
    Simulation sim(1);
    Node& n = sim.add_node("a");
    n.start();
    std::vector<std::int64_t> fired;
    n.set_timer_at(Instant{} + Duration::ms(5), [&] { fired.push_back(sim.now().ms()); });
    sim.run_until(Instant{} + Duration::ms(10));
    // The deadline of 7 ms is in the past at 10 ms: it fires now, not in the past.
    n.set_timer_at(Instant{} + Duration::ms(7), [&] { fired.push_back(sim.now().ms()); });
    n.pause(Duration::ms(4));
    n.set_timer_at(Instant{} + Duration::ms(12), [&] { fired.push_back(sim.now().ms()); });
    sim.run_all();
    CHECK(fired == std::vector<std::int64_t>{5, 14, 14});
}

TEST_CASE("pausing a paused node extends the pause and a crash drops queued work") {
    Simulation sim(1);
    Node& n = sim.add_node("a");
    n.start();
    int handled = 0;
    n.pause(Duration::ms(5));
    sim.schedule_at(Instant::from_ms(3), [&] { n.pause(Duration::ms(5)); });  // until 8
    sim.schedule_at(Instant::from_ms(6), [&] { CHECK(n.state() == NodeState::paused); });
    sim.schedule_at(Instant::from_ms(7), [&] { n.dispatch([&] { ++handled; }); });
    sim.run_until(Instant::from_ms(9));
    CHECK(handled == 1);
    n.pause(Duration::ms(5));
    n.dispatch([&] { ++handled; });
    n.crash();
    CHECK_FALSE(n.dispatch([&] { ++handled; }));
    sim.run_all();
    CHECK(handled == 1);
    CHECK(n.state() == NodeState::stopped);
}

TEST_CASE("lifecycle faults leave trace records") {
    Simulation sim(1);
    Node& n = sim.add_node("broker-x");
    auto before = sim.trace().records();
    n.start();
    n.pause(Duration::ms(1));
    sim.run_all();
    n.power_loss();
    n.power_loss();
    CHECK(sim.trace().records() == before + 5);  // start, pause, resume, power_loss x2
}

}  // TEST_SUITE
