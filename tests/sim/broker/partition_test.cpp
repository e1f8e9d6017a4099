#include <doctest/doctest.h>

#include "engine/disk/node_disk.h"
#include "sim/broker/partition.h"

using namespace kafkasim;
using kafkasim::engine::Duration;
using kafkasim::engine::Instant;

namespace {

// One broker (id 1) leading "t-0" with followers 2 and 3, on a real simulated disk.
struct Leader {
    engine::Simulation sim{1};
    engine::Node& node = sim.add_node("broker-1");
    std::unique_ptr<engine::NodeDisk> disk;
    std::unique_ptr<broker::Partition> p;

    explicit Leader(std::int32_t min_isr, std::vector<BrokerId> isr = {BrokerId{1}, BrokerId{2}, BrokerId{3}}) {
        node.start();
        disk = std::make_unique<engine::NodeDisk>(node);
        LogConfig config;
        config.min_insync_replicas = min_isr;
        p = std::make_unique<broker::Partition>(
            node, disk->disk(), broker::Partition::Options{{"t", 0}, BrokerId{1}, config, Duration::ms(30000), std::nullopt});
        metadata::PartitionRegistration reg{{BrokerId{1}, BrokerId{2}, BrokerId{3}}, isr, BrokerId{1}, LeaderEpoch{0},
                                            PartitionEpoch{0}};
        p->apply(reg, config, {BrokerId{1}, BrokerId{2}, BrokerId{3}});
    }
    void append(int records) {
        RecordBatch b;
        for (int i = 0; i < records; ++i) b.records.push_back(Record{std::nullopt, "v", 0});
        REQUIRE(p->log().append_as_leader(std::move(b), p->leader_epoch(), {}).outcome == log::AppendOutcome::appended);
    }
    void fetch(int follower, std::int64_t offset) {
        p->on_follower_fetch(BrokerId{follower}, BrokerEpoch{10}, Offset{offset}, sim.now());
        p->maybe_advance_high_watermark(sim.now());
    }
    void advance_ms(std::int64_t ms) { sim.run_until(sim.now() + Duration::ms(ms)); }
};

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("the leader's high watermark is the smallest log end in the ISR and only moves forward") {
    Leader l(1);
    l.append(5);
    CHECK(l.p->high_watermark() == Offset{0});  // followers have not fetched yet
    l.fetch(2, 5);
    CHECK(l.p->high_watermark() == Offset{0});  // follower 3 holds it back
    l.fetch(3, 3);
    CHECK(l.p->high_watermark() == Offset{3});
    l.fetch(3, 5);
    CHECK(l.p->high_watermark() == Offset{5});
    l.fetch(3, 4);  // a lower fetch (after a follower truncation) never moves it back
    CHECK(l.p->high_watermark() == Offset{5});
}

TEST_CASE("the high watermark does not advance while the ISR is below min.insync.replicas") {
    Leader l(2, {BrokerId{1}});
    l.append(3);
    l.fetch(2, 3);
    l.fetch(3, 3);
    CHECK(l.p->high_watermark() == Offset{0});
    Leader ok(2, {BrokerId{1}, BrokerId{2}});
    ok.append(3);
    ok.fetch(2, 3);
    CHECK(ok.p->high_watermark() == Offset{3});
}

TEST_CASE("a follower that stops catching up for replica.lag.time.max.ms is proposed for removal") {
    Leader l(1);
    l.append(2);
    l.fetch(2, 2);
    l.fetch(3, 2);
    CHECK(l.p->followers_to_remove(l.sim.now()).empty());
    l.append(2);
    l.advance_ms(20000);
    l.fetch(2, 4);  // follower 2 keeps up; follower 3 is silent
    CHECK(l.p->followers_to_remove(l.sim.now()).empty());
    l.advance_ms(11000);
    l.fetch(2, 4);
    CHECK(l.p->followers_to_remove(l.sim.now()) == std::vector<BrokerId>{BrokerId{3}});
    // A fetch that reached the leader's end at its previous fetch counts as caught up then.
    l.fetch(3, 4);
    CHECK(l.p->followers_to_remove(l.sim.now()).empty());
}

TEST_CASE("a follower joins the ISR once it reaches the high watermark and the maximal ISR holds the high watermark meanwhile") {
    Leader l(1, {BrokerId{1}, BrokerId{2}});
    l.append(4);
    l.fetch(2, 4);
    CHECK(l.p->high_watermark() == Offset{4});
    l.fetch(3, 2);
    CHECK_FALSE(l.p->follower_to_add().has_value());  // below the high watermark
    l.fetch(3, 4);
    REQUIRE(l.p->follower_to_add().has_value());
    CHECK(*l.p->follower_to_add() == BrokerId{3});
    l.p->begin_isr_change({BrokerId{1}, BrokerId{2}, BrokerId{3}});
    CHECK(l.p->maximal_isr().size() == 3);
    CHECK(l.p->isr_change_in_flight());
    l.append(2);
    l.fetch(2, 6);
    CHECK(l.p->high_watermark() == Offset{4});  // waits for the joining follower
    l.p->end_isr_change(std::make_pair(std::vector<BrokerId>{BrokerId{1}, BrokerId{2}, BrokerId{3}}, PartitionEpoch{1}));
    CHECK(l.p->isr().size() == 3);
    CHECK(l.p->partition_epoch() == PartitionEpoch{1});
    l.fetch(3, 6);
    CHECK(l.p->high_watermark() == Offset{6});
}

TEST_CASE("a follower takes the leader's high watermark clamped to its log - lower values included") {
    // UnifiedLog.maybeUpdateHighWatermark: a new leader's high watermark can lag the one the
    // old leader had sent this follower, and the follower follows it down.
    Leader l(1);
    l.append(6);
    metadata::PartitionRegistration reg{{BrokerId{1}, BrokerId{2}, BrokerId{3}}, {BrokerId{1}, BrokerId{2}, BrokerId{3}},
                                        BrokerId{2}, LeaderEpoch{1}, PartitionEpoch{1}};
    l.p->apply(reg, LogConfig{}, {BrokerId{1}, BrokerId{2}, BrokerId{3}});
    REQUIRE(l.p->role() == broker::Role::follower);
    l.p->update_follower_high_watermark(Offset{5});
    CHECK(l.p->high_watermark() == Offset{5});
    l.p->update_follower_high_watermark(Offset{9});
    CHECK(l.p->high_watermark() == Offset{6});  // capped at its own log end
    l.p->update_follower_high_watermark(Offset{3});
    CHECK(l.p->high_watermark() == Offset{3});
}

}  // TEST_SUITE
