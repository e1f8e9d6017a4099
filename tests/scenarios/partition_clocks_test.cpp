// The partition clocks of a run (scenarios/runner/partition_clocks.h), fed trace records by hand.
#include <doctest/doctest.h>

#include <vector>

#include "scenarios/runner/partition_clocks.h"

using namespace kafkasim;
using namespace kafkasim::scenarios;

namespace {

// Feeds records to both clocks, as the run's trace does.
struct Feed {
    LeaderlessClock leaderless;
    UnavailableClock unavailable;

    void record(std::int64_t at_ms, std::string_view node, std::string_view kind, std::vector<engine::TraceField> fields) {
        const engine::TraceRecordView r{engine::Instant{} + engine::Duration::ms(at_ms), engine::NodeId{0}, node, kind, fields};
        leaderless.write(r);
        unavailable.write(r);
    }
    void broker(std::int64_t at_ms, int id) {
        const std::string node = "broker-" + std::to_string(id);
        record(at_ms, node, "node.start", {{"incarnation", 1}});
        record(at_ms, node, "broker.start", {{"broker", id}, {"incarnation", 1}});
    }
    void elect(std::int64_t at_ms, int leader, int epoch) {
        record(at_ms, "controller", "controller.elect",
               {{"topic", "orders"}, {"partition", 0}, {"leader", leader}, {"leader_epoch", epoch}, {"unclean", false},
                {"reason", "test"}});
    }
    void role(std::int64_t at_ms, int broker, std::string_view role, int epoch) {
        record(at_ms, "broker-" + std::to_string(broker), "partition.role",
               {{"partition", "orders-0"}, {"role", role}, {"leader_epoch", epoch}, {"log_end_offset", 0},
                {"high_watermark", 0}});
    }
    std::int64_t unavailable_ms(std::int64_t now_ms) const {
        return unavailable.unavailable_ms(engine::Instant{} + engine::Duration::ms(now_ms)).at("orders-0");
    }
    std::int64_t leaderless_ms(std::int64_t now_ms) const {
        return leaderless.leaderless_ms(engine::Instant{} + engine::Duration::ms(now_ms)).at("orders-0");
    }
};

// Brokers 1 and 2; orders-0 created at 1 s with leader 1, which takes its role at 1.3 s.
Feed online_partition() {
    Feed f;
    f.broker(0, 1);
    f.broker(0, 2);
    f.record(1000, "controller", "controller.partition",
             {{"topic", "orders"}, {"partition", 0}, {"replicas", "1,2"}, {"isr", "1,2"}, {"leader", 1}});
    f.role(1300, 2, "follower", 0);
    f.role(1300, 1, "leader", 0);
    return f;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("unavailable_ms counts from when a partition first comes online") {
    const Feed f = online_partition();
    CHECK(f.unavailable_ms(10000) == 0);  // the 300 ms before its brokers learned of it do not count
    CHECK(f.leaderless_ms(10000) == 0);
}

TEST_CASE("unavailable_ms counts a crashed leader until its successor takes the role - which leaderless_ms does not") {
    Feed f = online_partition();
    f.record(5000, "broker-1", "node.crash", {{"incarnation", 1}});
    f.elect(12000, 2, 1);
    CHECK(f.unavailable_ms(12050) == 7050);
    f.role(12100, 2, "leader", 1);  // the new leader learns of its election
    CHECK(f.unavailable_ms(20000) == 7100);
    CHECK(f.leaderless_ms(20000) == 0);
}

TEST_CASE("unavailable_ms counts a paused leader and the time without any leader") {
    Feed f = online_partition();
    f.record(2000, "broker-1", "node.pause", {{"until_us", 3000000}});
    f.record(3000, "broker-1", "node.resume", {{"deferred", 0}});
    CHECK(f.unavailable_ms(4000) == 1000);
    f.elect(5000, -1, 1);
    f.elect(7000, 2, 2);
    f.role(7200, 2, "leader", 2);
    CHECK(f.leaderless_ms(8000) == 2000);
    CHECK(f.unavailable_ms(8000) == 1000 + 2200);
}

TEST_CASE("a restarted leader is unavailable until it takes its role again at the registered epoch") {
    Feed f = online_partition();
    f.record(5000, "broker-1", "node.crash", {{"incarnation", 1}});
    f.record(6000, "broker-1", "node.start", {{"incarnation", 2}});
    f.record(6000, "broker-1", "broker.start", {{"broker", 1}, {"incarnation", 2}});
    f.role(6500, 1, "leader", 0);  // the controller never moved leadership: epoch 0 still
    CHECK(f.unavailable_ms(9000) == 1500);
    f.role(9000, 1, "follower", 1);  // a stale role at another epoch is not the registered one
    CHECK(f.unavailable_ms(9500) == 2000);
}

}  // TEST_SUITE
