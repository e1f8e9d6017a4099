#include <doctest/doctest.h>

#include "tests/sim/controller/cluster.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using engine::Duration;
using engine::Instant;

namespace {

struct ControllerSweepOut {
    std::string hash;
    std::string violation;  // the first invariant broken, with its time
    std::size_t fences = 0;
    std::size_t elections = 0;
    std::size_t topics = 0;
};

// Brokers crash, restart and lose power, and the controller does too, at random times drawn
// from the test's own stream; topics are created along the way. After every event the
// controller's image must hold clean-election leaders, and no broker may have applied a record
// the controller has not committed.
ControllerSweepOut random_faults(std::uint64_t seed) {
    ClusterOptions o;
    o.seed = seed;
    o.brokers = 5;
    o.controller_disk.durability.torn_tail = engine::TornTail::random;
    // Slow syncs keep records uncommitted long enough for faults and fetches to meet them.
    o.controller_disk.latency.sync = engine::LatencyModel{Duration::ms(20), Duration::ms(300)};
    Cluster c(o);
    ControllerSweepOut out;
    c.sim.add_invariant("controller invariants", [&c, &out] {
        if (!out.violation.empty()) return;
        const controller::Controller* ctrl = c.controller();
        if (ctrl == nullptr) return;
        if (std::string bad = check_leaders(ctrl->image()); !bad.empty())
            out.violation = std::to_string(c.sim.now().us()) + " us: " + bad;
        for (const auto& [id, view] : c.views)
            if (ctrl->ready() && view.image.last_offset() >= ctrl->committed_end())
                out.violation = std::to_string(c.sim.now().us()) + " us: broker " + std::to_string(id.value) +
                                " applied an uncommitted record";
    });
    engine::Random faults = c.sim.random_stream("test.faults");
    int next_topic = 0;
    for (std::int64_t t = 3000; t < 120000; t += 1000 + static_cast<std::int64_t>(faults.uniform(3000))) {
        c.run_until_ms(t);
        const std::uint64_t what = faults.uniform(10);
        engine::Node& b = c.broker(1 + static_cast<int>(faults.uniform(5)));
        if (what < 3) {
            b.crash();
        } else if (what < 4) {
            b.power_loss();
        } else if (what < 6) {
            b.start();
        } else if (what < 7) {
            if (faults.chance(1, 2)) c.controller_node.crash();
            else c.controller_node.power_loss();
        } else if (what < 8) {
            c.controller_node.start();
        } else if (c.controller() != nullptr) {
            c.admin->send(c.controller_node.id(),
                          CreateTopicsRequest{"t" + std::to_string(next_topic++), 1 + static_cast<std::int32_t>(faults.uniform(6)),
                                              static_cast<std::int16_t>(1 + faults.uniform(3)), {}, {}},
                          Duration::ms(3000), [](rpc::RpcResult) {});
        }
    }
    // Heal: everything up again, then quiet.
    c.run_until_ms(120000);
    c.controller_node.start();
    for (engine::Node* b : c.broker_nodes) b->start();
    c.run_until_ms(160000);
    const controller::Controller* ctrl = c.controller();
    REQUIRE(ctrl != nullptr);
    for (const auto& [id, view] : c.views) {
        CAPTURE(id.value);
        CHECK_FALSE(view.fenced);
        CHECK(view.image == ctrl->image());
    }
    out.fences = c.traced("controller.fence").size();
    out.elections = c.traced("controller.elect").size();
    out.topics = ctrl->image().topics().size();
    out.hash = c.sim.trace().hash_hex();
    return out;
}

}  // namespace

TEST_SUITE("sweep") {

TEST_CASE("random broker and controller failures over 20 seeds keep clean leaders and committed metadata") {
    std::size_t fences = 0;
    std::size_t elections = 0;
    std::size_t topics = 0;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        CAPTURE(seed);
        const ControllerSweepOut out = run_twice([seed] { return random_faults(seed); });
        CHECK(out.violation == "");
        fences += out.fences;
        elections += out.elections;
        topics += out.topics;
    }
    // The sweep did exercise what it checks.
    CHECK(fences > 20);
    CHECK(elections > 20);
    CHECK(topics > 20);
}

}  // TEST_SUITE
