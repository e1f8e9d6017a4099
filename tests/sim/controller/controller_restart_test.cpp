#include <doctest/doctest.h>

#include "tests/sim/controller/cluster.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using engine::Duration;
using engine::Instant;

namespace {

// The image of the committed records only.
metadata::ClusterImage committed_image(const controller::Controller& ctrl) {
    metadata::ClusterImage image;
    const auto& entries = ctrl.metadata_log().entries();
    for (std::int64_t i = 0; i < ctrl.committed_end().value; ++i) image.apply(entries[static_cast<std::size_t>(i)]);
    return image;
}

// Runs until the restarted controller has recovered.
void until_ready(Cluster& c) {
    while (c.controller() == nullptr || !c.controller()->ready()) REQUIRE(c.sim.step());
}

enum class Stop { crash, power_loss };

struct RestartOut {
    std::string hash;
    metadata::ClusterImage before;
    metadata::ClusterImage after;
    std::size_t fences_after_restart = 0;
    std::vector<engine::TraceRecord> recoveries;
    metadata::ClusterImage seen_by_3;
    Errc create_after = Errc::none;
};

RestartOut restart_controller(Stop how) {
    Cluster c(ClusterOptions{21, 3, {}, {}, {}});
    c.run_until_ms(5000);
    REQUIRE(create(c, topic("orders", 4, 3)) == Errc::none);
    REQUIRE(create(c, topic("payments", 2, 2)) == Errc::none);
    c.broker(3).crash();  // a fenced broker and moved leaders are part of the state too
    c.run_until_ms(25000);
    c.broker(3).start();
    c.run_until_ms(32000);
    RestartOut r;
    r.before = c.controller()->image();
    if (how == Stop::crash) c.controller_node.crash();
    else c.controller_node.power_loss();
    c.run_until_ms(33000);
    c.controller_node.start();
    until_ready(c);
    r.after = c.controller()->image();
    const std::size_t fences = c.traced("controller.fence").size();
    c.run_until_ms(60000);
    r.fences_after_restart = c.traced("controller.fence").size() - fences;
    r.recoveries = c.traced("controller.recover");
    r.create_after = create(c, topic("after", 3, 3));
    c.run_until_ms(62000);
    r.seen_by_3 = c.views.at(BrokerId{3}).image;
    CHECK(r.seen_by_3 == c.controller()->image());
    r.hash = c.sim.trace().hash_hex();
    return r;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("the controller restarts after a crash from its metadata log with the same image") {
    const RestartOut out = run_twice([] { return restart_controller(Stop::crash); });
    CHECK(out.after == out.before);
    REQUIRE(out.before.topics().size() == 2);
    CHECK(out.fences_after_restart == 0);  // brokers get fresh sessions and keep them
    REQUIRE(out.recoveries.size() == 2);
    CHECK(out.recoveries[1].field("records")->int_value == out.before.last_offset().value + 1);
    CHECK(out.create_after == Errc::none);
    CHECK(out.seen_by_3.topic("after") != nullptr);
    // The next topic id continues after the recovered ones.
    CHECK(out.seen_by_3.topic("after")->id == TopicId{3});
}

TEST_CASE("the controller restarts after a power loss from its metadata log with the same image") {
    const RestartOut out = run_twice([] { return restart_controller(Stop::power_loss); });
    // A quiet controller has synced everything: nothing is lost.
    CHECK(out.after == out.before);
    CHECK(out.fences_after_restart == 0);
    CHECK(out.create_after == Errc::none);
}

TEST_CASE("a controller power loss loses only metadata that was never committed or told") {
    struct Out {
        std::string hash;
        metadata::ClusterImage committed_before;
        std::int64_t uncommitted = 0;
        rpc::RpcResult lost_answer;
        metadata::ClusterImage after;
        metadata::ClusterImage seen_by_1;
        Errc retry = Errc::none;
        std::int64_t answered_after_us = 0;
    };
    const Out out = run_twice([] {
        ClusterOptions o;
        o.seed = 22;
        // Slow syncs hold records uncommitted for a while.
        o.controller_disk.latency.sync = engine::LatencyModel{Duration::ms(200), Duration::ms(250)};
        Cluster c(o);
        c.run_until_ms(8000);
        Out r;
        // A topic created at a quiet time is answered only after its sync.
        const Instant asked = c.sim.now();
        REQUIRE(create(c, topic("kept", 2, 2)) == Errc::none);
        r.answered_after_us = (c.sim.now() - asked).count_us();
        c.run_until_ms(9000);
        auto answer = std::make_shared<std::optional<rpc::RpcResult>>();
        c.admin->send(c.controller_node.id(), topic("lost", 2, 2), Duration::ms(5000),
                      [answer](rpc::RpcResult res) { *answer = std::move(res); });
        c.run_until_ms(9050);  // appended, not yet synced
        r.uncommitted = c.controller()->log_end().value - c.controller()->committed_end().value;
        r.committed_before = committed_image(*c.controller());
        c.controller_node.power_loss();
        c.run_until_ms(9500);
        c.controller_node.start();
        until_ready(c);
        r.after = c.controller()->image();
        c.run_until_ms(20000);
        REQUIRE(answer->has_value());
        r.lost_answer = answer->value();
        r.seen_by_1 = c.views.at(BrokerId{1}).image;
        r.retry = create(c, topic("lost", 2, 2));
        r.hash = c.sim.trace().hash_hex();
        return r;
    });
    CHECK(out.answered_after_us >= 200'000);
    CHECK(out.uncommitted == 3);  // TopicRecord and two PartitionRecords
    CHECK_FALSE(out.lost_answer.ok());  // the admin never heard of "lost"
    CHECK(out.after == out.committed_before);
    CHECK(out.after.topic("lost") == nullptr);
    CHECK(out.after.topic("kept") != nullptr);
    CHECK(out.seen_by_1.topic("lost") == nullptr);
    CHECK(out.retry == Errc::none);
}

TEST_CASE("producer id blocks never overlap across controller restarts") {
    struct Out {
        std::string hash;
        std::vector<std::pair<std::int64_t, std::int32_t>> blocks;
    };
    const Out out = run_twice([] {
        ClusterOptions o;
        o.seed = 23;
        o.controller_disk.durability.torn_tail = engine::TornTail::random;
        Cluster c(o);
        c.run_until_ms(5000);
        Out r;
        auto allocate = [&c, &r](int broker) {
            const BrokerEpoch epoch = c.views.at(BrokerId{broker}).epochs.back();
            const rpc::RpcResult res = c.call(AllocateProducerIdsRequest{BrokerId{broker}, epoch});
            if (!res.ok()) return;
            const auto& a = std::get<AllocateProducerIdsResponse>(res.body);
            REQUIRE(a.error == Errc::none);
            r.blocks.emplace_back(a.first.value, a.count);
        };
        for (int i = 0; i < 4; ++i) allocate(1 + i % 3);
        c.controller_node.crash();
        c.run_until_ms(6000);
        c.controller_node.start();
        until_ready(c);
        for (int i = 0; i < 3; ++i) allocate(3 - i);
        // A power loss right after a request was sent: it may or may not have been answered.
        c.admin->send(c.controller_node.id(),
                      AllocateProducerIdsRequest{BrokerId{2}, c.views.at(BrokerId{2}).epochs.back()}, Duration::ms(2000),
                      [&r](rpc::RpcResult res) {
                          if (!res.ok()) return;
                          const auto& a = std::get<AllocateProducerIdsResponse>(res.body);
                          r.blocks.emplace_back(a.first.value, a.count);
                      });
        c.run_until_ms(c.sim.now().ms() + 2);
        c.controller_node.power_loss();
        c.run_until_ms(c.sim.now().ms() + 3000);
        c.controller_node.start();
        until_ready(c);
        for (int i = 0; i < 3; ++i) allocate(1 + i);
        r.hash = c.sim.trace().hash_hex();
        return r;
    });
    REQUIRE(out.blocks.size() >= 10);
    for (std::size_t i = 0; i < out.blocks.size(); ++i) {
        CHECK(out.blocks[i].second == 1000);
        if (i > 0) CHECK(out.blocks[i].first >= out.blocks[i - 1].first + out.blocks[i - 1].second);
    }
    CHECK(out.blocks.front().first == 0);
}

TEST_CASE("a controller whose disk refuses a write halts and recovers after a restart") {
    struct Out {
        std::string hash;
        bool down = false;
        std::size_t fatal = 0;
        Errc retry = Errc::none;
        bool has_topic = false;
    };
    const Out out = run_twice([] {
        Cluster c(ClusterOptions{24, 3, {}, {}, {}});
        c.run_until_ms(5000);
        c.controller_disk->capacity().set_capacity(c.controller_disk->disk().used_bytes() + 10);
        Out r;
        const Errc first = create(c, topic("full", 1, 1));
        CHECK(first != Errc::none);  // never answered: the connection breaks
        r.down = !c.controller_node.is_up();
        r.fatal = c.traced("controller.fatal").size();
        c.controller_disk->capacity().set_capacity(engine::CapacityDisk::unlimited);
        c.controller_node.start();
        until_ready(c);
        r.retry = create(c, topic("full", 1, 1));
        r.has_topic = c.controller()->image().topic("full") != nullptr;
        r.hash = c.sim.trace().hash_hex();
        return r;
    });
    CHECK(out.down);
    CHECK(out.fatal == 1);
    CHECK(out.retry == Errc::none);
    CHECK(out.has_topic);
}

}  // TEST_SUITE
