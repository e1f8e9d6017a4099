#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/simulation.h"

using namespace kafkasim::engine;

TEST_SUITE("quick") {

TEST_CASE("events run in time order and ties in insertion order") {
    Simulation sim(1);
    std::vector<std::string> order;
    sim.schedule_at(Instant::from_us(30), [&] { order.push_back("c30"); });
    sim.schedule_at(Instant::from_us(10), [&] { order.push_back("a10"); });
    for (int i = 0; i < 50; ++i)
        sim.schedule_at(Instant::from_us(20), [&order, i] { order.push_back("t" + std::to_string(i)); });
    sim.schedule_at(Instant::from_us(10), [&] { order.push_back("b10"); });
    sim.run_all();
    REQUIRE(order.size() == 53);
    CHECK(order[0] == "a10");
    CHECK(order[1] == "b10");
    for (int i = 0; i < 50; ++i) CHECK(order[2 + static_cast<std::size_t>(i)] == "t" + std::to_string(i));
    CHECK(order[52] == "c30");
    CHECK(sim.events_processed() == 53);
    CHECK(sim.now() == Instant::from_us(30));
}

TEST_CASE("an event scheduled at the current instant runs after those already due then") {
    Simulation sim(1);
    std::vector<int> order;
    sim.schedule_at(Instant::from_us(5), [&] {
        order.push_back(1);
        sim.schedule_after(Duration::zero(), [&] { order.push_back(3); });
    });
    sim.schedule_at(Instant::from_us(5), [&] { order.push_back(2); });
    sim.run_all();
    CHECK(order == std::vector<int>{1, 2, 3});
}

TEST_CASE("cancel removes a pending event and nothing else") {
    Simulation sim(1);
    std::vector<int> ran;
    const EventId a = sim.schedule_at(Instant::from_us(1), [&] { ran.push_back(1); });
    const EventId b = sim.schedule_at(Instant::from_us(2), [&] { ran.push_back(2); });
    sim.schedule_at(Instant::from_us(3), [&] { ran.push_back(3); });
    CHECK(sim.pending_events() == 3);
    CHECK(sim.cancel(b));
    CHECK_FALSE(sim.cancel(b));
    CHECK(sim.pending_events() == 2);
    sim.run_all();
    CHECK(ran == std::vector<int>{1, 3});
    CHECK_FALSE(sim.cancel(a));  // already ran
    CHECK(sim.events_processed() == 2);
}

TEST_CASE("a cancelled slot reused by a new event does not confuse old ids") {
    Simulation sim(1);
    int ran = 0;
    const EventId old = sim.schedule_at(Instant::from_us(1), [&] { ran += 100; });
    CHECK(sim.cancel(old));
    const EventId fresh = sim.schedule_at(Instant::from_us(1), [&] { ran += 1; });
    CHECK(fresh.slot == old.slot);
    CHECK_FALSE(sim.cancel(old));
    sim.run_all();
    CHECK(ran == 1);
}

TEST_CASE("a running event cannot cancel itself but can cancel others") {
    Simulation sim(1);
    EventId self;
    EventId other;
    bool other_ran = false;
    bool self_cancel = true;
    self = sim.schedule_at(Instant::from_us(1), [&] {
        self_cancel = sim.cancel(self);
        CHECK(sim.cancel(other));
    });
    other = sim.schedule_at(Instant::from_us(2), [&] { other_ran = true; });
    sim.run_all();
    CHECK_FALSE(self_cancel);
    CHECK_FALSE(other_ran);
}

TEST_CASE("step and run(n) and run_until") {
    Simulation sim(1);
    int count = 0;
    for (int i = 1; i <= 10; ++i) sim.schedule_at(Instant::from_ms(i), [&] { ++count; });
    CHECK(sim.step());
    CHECK(count == 1);
    CHECK(sim.run(3) == 3);
    CHECK(count == 4);
    CHECK(sim.now() == Instant::from_ms(4));
    sim.run_until(Instant::from_us(6500));
    CHECK(count == 6);
    CHECK(sim.now() == Instant::from_us(6500));
    CHECK(sim.run(100) == 4);
    CHECK_FALSE(sim.step());
}

TEST_CASE("scheduling in the past is a bug") {
    Simulation sim(1);
    sim.run_until(Instant::from_ms(5));
    CHECK_THROWS_AS(sim.schedule_at(Instant::from_ms(4), [] {}), AssertionFailure);
}

TEST_CASE("large handlers are boxed and still run and are destroyed") {
    Simulation sim(1);
    auto counter = std::make_shared<int>(0);
    struct Big {
        std::shared_ptr<int> c;
        char pad[200];
        void operator()() const { ++*c; }
    };
    sim.schedule_at(Instant::from_us(1), Big{counter, {}});
    const EventId cancelled = sim.schedule_at(Instant::from_us(2), Big{counter, {}});
    CHECK(counter.use_count() == 3);
    sim.cancel(cancelled);
    CHECK(counter.use_count() == 2);
    sim.run_all();
    CHECK(*counter == 1);
    CHECK(counter.use_count() == 1);
}

TEST_CASE("invariant checkers run after every event") {
    Simulation sim(1);
    int value = 0;
    int checks = 0;
    sim.add_invariant("value stays below 3", [&] {
        ++checks;
        SIM_ASSERT(value < 3, "value reached 3");
    });
    for (int i = 0; i < 5; ++i) sim.schedule_at(Instant::from_us(i), [&] { ++value; });
    CHECK(sim.run(2) == 2);
    CHECK(checks == 2);
    CHECK_THROWS_AS(sim.run(5), AssertionFailure);
    CHECK(value == 3);
}

}  // TEST_SUITE
