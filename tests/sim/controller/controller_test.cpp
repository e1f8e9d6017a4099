#include <doctest/doctest.h>

#include "tests/sim/controller/cluster.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using engine::Duration;
using engine::Instant;

namespace {

std::int64_t time_of(const engine::TraceRecord& r) { return r.time.us(); }

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("brokers register then are unfenced once they have caught up with the metadata log") {
    struct Out {
        std::string hash;
        std::map<BrokerId, BrokerView> views;
        metadata::ClusterImage image;
        std::int64_t unfences = 0;
        Offset committed;
    };
    const Out out = run_twice([] {
        ClusterOptions o;
        o.seed = 11;
        o.brokers = 4;
        o.not_fetching = {4};
        Cluster c(o);
        c.run_until_ms(10000);
        return Out{c.sim.trace().hash_hex(), c.views, c.controller()->image(),
                   static_cast<std::int64_t>(c.traced("controller.unfence").size()), c.controller()->committed_end()};
    });
    std::set<BrokerEpoch> epochs;
    for (int b = 1; b <= 4; ++b) {
        CAPTURE(b);
        const BrokerView& v = out.views.at(BrokerId{b});
        CHECK(v.registration_errors.empty());
        REQUIRE(v.epochs.size() == 1);
        epochs.insert(v.epochs[0]);
        const metadata::BrokerRegistration* reg = out.image.broker(BrokerId{b});
        REQUIRE(reg != nullptr);
        CHECK(reg->epoch == v.epochs[0]);  // the epoch is the offset of its RegisterBrokerRecord
        CHECK(reg->incarnation.value % 1000 == static_cast<std::uint64_t>(b));
    }
    CHECK(epochs.size() == 4);
    for (int b = 1; b <= 3; ++b) {
        const BrokerView& v = out.views.at(BrokerId{b});
        CHECK_FALSE(v.fenced);
        CHECK(v.caught_up);
        CHECK_FALSE(out.image.broker(BrokerId{b})->fenced);
        CHECK(v.image == out.image);  // every record reached it
        CHECK(v.high_watermark == out.committed);
        // The first heartbeat, before any fetch, cannot unfence it; a later one does.
        CHECK(v.unfenced_at >= Instant::from_ms(2000));
    }
    // Broker 4 never fetches, so it never catches up and stays fenced.
    CHECK(out.views.at(BrokerId{4}).fenced);
    CHECK_FALSE(out.views.at(BrokerId{4}).caught_up);
    CHECK(out.image.broker(BrokerId{4})->fenced);
    CHECK(out.unfences == 3);
}

TEST_CASE("a broker that stops heartbeating is fenced and leadership moves off it") {
    struct Out {
        std::string hash;
        metadata::ClusterImage before;
        metadata::ClusterImage after;
        metadata::ClusterImage seen_by_1;
        std::vector<engine::TraceRecord> fences;
        std::vector<engine::TraceRecord> elects;
    };
    const Out out = run_twice([] {
        ClusterOptions o;
        o.seed = 12;
        Cluster c(o);
        c.run_until_ms(5000);
        REQUIRE(create(c, topic("orders", 6, 3)) == Errc::none);
        REQUIRE(create(c, topic("solo", 3, 1)) == Errc::none);
        c.run_until_ms(10000);
        Out r;
        r.before = c.controller()->image();
        c.broker(2).crash();
        c.run_until_ms(30000);
        r.after = c.controller()->image();
        r.seen_by_1 = c.views.at(BrokerId{1}).image;
        r.fences = c.traced("controller.fence");
        r.elects = c.traced("controller.elect");
        r.hash = c.sim.trace().hash_hex();
        return r;
    });
    REQUIRE(out.fences.size() == 1);
    const engine::TraceRecord& fence = out.fences[0];
    CHECK(int_field(fence, "broker") == 2);
    CHECK(str_field(fence, "reason") == "session_timeout");
    // Its last heartbeat came at most one interval (2 s) before the crash at 10 s.
    CHECK(time_of(fence) >= 17'000'000);
    CHECK(time_of(fence) <= 19'100'000);
    CHECK(out.after.broker(BrokerId{2})->fenced);
    CHECK(check_leaders(out.after).empty());
    CHECK(out.seen_by_1 == out.after);  // the change reached the other brokers

    std::size_t moved = 0;
    for (int p = 0; p < 6; ++p) {
        CAPTURE(p);
        const auto* was = out.before.partition({"orders", p});
        const auto* now = out.after.partition({"orders", p});
        CHECK_FALSE(now->in_isr(BrokerId{2}));  // removed: it was not the last member
        CHECK(now->replicas == was->replicas);
        CHECK(now->has_leader());
        if (was->leader == BrokerId{2}) {
            ++moved;
            // The first replica in assignment order that is still in the ISR.
            BrokerId expected = no_broker;
            for (BrokerId b : was->replicas)
                if (b != BrokerId{2}) {
                    expected = b;
                    break;
                }
            CHECK(now->leader == expected);
            CHECK(now->leader_epoch == was->leader_epoch.next());
        } else {
            CHECK(now->leader == was->leader);
            CHECK(now->leader_epoch == was->leader_epoch);  // an ISR shrink alone keeps the epoch
        }
        CHECK(now->partition_epoch.value == was->partition_epoch.value + 1);
    }
    CHECK(moved == 2);  // striped placement: 6 partitions over 3 brokers, 2 led by each
    // "solo" has one replica: the partition on broker 2 keeps it in its ISR and goes offline.
    for (int p = 0; p < 3; ++p) {
        const auto* now = out.after.partition({"solo", p});
        if (now->replicas == ids({2})) {
            CHECK(now->isr == ids({2}));
            CHECK(now->leader == no_broker);
        }
    }
    std::size_t offline = 0;
    for (const auto& e : out.elects) {
        CHECK(str_field(e, "reason") == "session_timeout");
        if (int_field(e, "leader") == -1) ++offline;
    }
    CHECK(out.elects.size() == moved + 1);
    CHECK(offline == 1);
}

TEST_CASE("an offline partition comes back led by its last ISR member when that broker returns") {
    struct Out {
        std::string hash;
        metadata::PartitionRegistration offline;
        metadata::PartitionRegistration back;
        std::size_t epochs = 0;
    };
    const Out out = run_twice([] {
        Cluster c(ClusterOptions{13, 3, {}, {}, {}});
        c.run_until_ms(5000);
        CreateTopicsRequest t;
        t.name = "single";
        t.replica_assignment = {ids({2})};
        REQUIRE(create(c, t) == Errc::none);
        c.run_until_ms(6000);
        c.broker(2).crash();
        c.run_until_ms(20000);
        Out r;
        r.offline = *c.controller()->image().partition({"single", 0});
        c.broker(2).start();
        c.run_until_ms(30000);
        r.back = *c.controller()->image().partition({"single", 0});
        r.epochs = c.views.at(BrokerId{2}).epochs.size();
        r.hash = c.sim.trace().hash_hex();
        return r;
    });
    CHECK(out.offline.leader == no_broker);
    CHECK(out.offline.isr == ids({2}));
    CHECK(out.offline.leader_epoch == LeaderEpoch{1});
    CHECK(out.back.leader == BrokerId{2});
    CHECK(out.back.isr == ids({2}));
    CHECK(out.back.leader_epoch == LeaderEpoch{2});
    CHECK(out.epochs == 2);  // a new incarnation, a new epoch
}

TEST_CASE("a restarted broker is refused with DUPLICATE_BROKER_REGISTRATION until its old session expires") {
    struct Out {
        std::string hash;
        BrokerView view;
        std::vector<engine::TraceRecord> refused;
        std::vector<engine::TraceRecord> registered;
        std::vector<engine::TraceRecord> fences;
        bool fenced_in_image = true;
    };
    const Out out = run_twice([] {
        Cluster c(ClusterOptions{14, 3, {}, {}, {}});
        c.run_until_ms(10000);
        c.broker(1).crash();
        c.run_until_ms(10100);
        c.broker(1).start();
        c.run_until_ms(30000);
        Out r;
        r.view = c.views.at(BrokerId{1});
        r.refused = c.traced("controller.register_refused");
        r.registered = c.traced("controller.register");
        r.fences = c.traced("controller.fence");
        r.fenced_in_image = c.controller()->image().broker(BrokerId{1})->fenced;
        r.hash = c.sim.trace().hash_hex();
        return r;
    });
    REQUIRE(out.fences.size() == 1);
    const std::int64_t fenced_at = time_of(out.fences[0]);
    CHECK(out.refused.size() >= 6);  // one try a second for the rest of the 9 s session
    for (const auto& r : out.refused) {
        CHECK(int_field(r, "broker") == 1);
        CHECK(str_field(r, "error") == "DUPLICATE_BROKER_REGISTRATION");
        CHECK(time_of(r) < fenced_at);
    }
    for (Errc e : out.view.registration_errors) CHECK(e == Errc::duplicate_broker_registration);
    // Four registrations: brokers 1, 2, 3, then broker 1's new incarnation after the fence.
    REQUIRE(out.registered.size() == 4);
    CHECK(int_field(out.registered[3], "broker") == 1);
    CHECK(time_of(out.registered[3]) >= fenced_at);
    REQUIRE(out.view.epochs.size() == 2);
    CHECK(out.view.epochs[1] > out.view.epochs[0]);
    CHECK_FALSE(out.view.fenced);  // caught up again and unfenced
    CHECK_FALSE(out.fenced_in_image);
}

TEST_CASE("heartbeats with an old broker epoch get STALE_BROKER_EPOCH") {
    struct Out {
        std::string hash;
        Errc heartbeat = Errc::none;
        Errc producer_ids = Errc::none;
    };
    const Out out = run_twice([] {
        Cluster c(ClusterOptions{15, 2, {}, {}, {}});
        c.run_until_ms(5000);
        const BrokerEpoch epoch = c.views.at(BrokerId{1}).epochs.at(0);
        Out r;
        rpc::RpcResult hb = c.call(BrokerHeartbeatRequest{BrokerId{1}, BrokerEpoch{epoch.value + 100}, Offset{0}, false});
        REQUIRE(hb.ok());
        r.heartbeat = std::get<BrokerHeartbeatResponse>(hb.body).error;
        rpc::RpcResult pid = c.call(AllocateProducerIdsRequest{BrokerId{7}, BrokerEpoch{0}});
        REQUIRE(pid.ok());
        r.producer_ids = std::get<AllocateProducerIdsResponse>(pid.body).error;
        r.hash = c.sim.trace().hash_hex();
        return r;
    });
    CHECK(out.heartbeat == Errc::stale_broker_epoch);
    CHECK(out.producer_ids == Errc::stale_broker_epoch);
}

}  // TEST_SUITE
