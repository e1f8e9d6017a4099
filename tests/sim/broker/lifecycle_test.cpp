// A broker's lifecycle after a restart, as Kafka 3.9's BrokerLifecycleManager drives it:
// it registers once the controller lets its old session go, heartbeats at once and then every
// 10 ms while STARTING (catching up with the metadata log, asking to stay fenced), and once it
// is caught up and ready (RECOVERY) it heartbeats at once more, asking to be unfenced. So it is
// unfenced a few tens of milliseconds after its metadata reaches its own registration, not at
// its next broker.heartbeat.interval.ms.
#include <doctest/doctest.h>

#include "engine/trace_sinks.h"
#include "tests/support/broker_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

struct Restart {
    engine::Instant registered;  // the new incarnation's registration was accepted
    engine::Instant caught_up;   // its metadata reached its own registration record
    engine::Instant unfenced;    // a heartbeat answer said it is unfenced
};

Restart restart_broker(std::uint64_t seed) {
    BrokerWorld w(cluster_options(seed));
    auto trace = std::make_shared<engine::MemoryTraceSink>();
    w.cluster.sim().trace().add_sink(trace);
    REQUIRE(w.wait_for_brokers());
    REQUIRE(w.create_topic("t", 3, 3) == Errc::none);
    engine::Node& node = w.cluster.broker_node(BrokerId{2});
    const auto fenced = [&] { return w.cluster.controller()->image().broker(BrokerId{2})->fenced; };
    node.crash();
    w.run_ms(1000);
    const std::size_t from = trace->records().size();
    node.start();
    // Its registration is refused until the old session lapses and the controller fences it.
    REQUIRE(w.run_until(fenced));
    REQUIRE(w.run_until([&] { return !fenced(); }));
    w.run_ms(100);

    Restart r;
    std::int64_t epoch = -1;
    bool caught_up = false, unfenced = false;
    const auto& rs = trace->records();
    for (std::size_t i = from; i < rs.size(); ++i) {
        if (rs[i].node_name != node.name()) continue;
        if (rs[i].kind == "broker.registered") {
            epoch = rs[i].field("broker_epoch")->int_value;
            r.registered = rs[i].time;
        } else if (rs[i].kind == "broker.metadata" && epoch >= 0 && !caught_up &&
                   rs[i].field("offset")->int_value >= epoch) {
            caught_up = true;
            r.caught_up = rs[i].time;
        } else if (rs[i].kind == "broker.unfenced" && !unfenced) {
            unfenced = true;
            r.unfenced = rs[i].time;
        }
    }
    REQUIRE(epoch >= 0);
    REQUIRE(caught_up);
    REQUIRE(unfenced);
    return r;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a restarted broker is unfenced within a few tens of milliseconds of catching up") {
    for (std::uint64_t seed : {1, 2, 3}) {
        CAPTURE(seed);
        const Restart r = restart_broker(seed);
        CHECK(r.caught_up >= r.registered);
        CHECK(r.unfenced >= r.caught_up);
        // The STARTING heartbeats come every 10 ms; then one heartbeat asks to be unfenced and
        // its answer comes back once the controller has committed UnfenceBrokerRecord.
        CHECK((r.unfenced - r.caught_up).count_ms() < 50);
    }
}

}  // TEST_SUITE
