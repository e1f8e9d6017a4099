// Leaders' ISR changes among broker and controller failures: each AlterPartition is built from
// what the sending broker has replicated of the metadata log (its own, possibly old, view), so
// old leader epochs, old partition epochs and old broker epochs all occur. After every event
// the controller's image must hold clean-election leaders and no fenced broker in the ISR of a
// partition that has a leader.
#include <doctest/doctest.h>

#include <map>

#include "tests/sim/controller/cluster.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using engine::Duration;

namespace {

struct AlterSweepOut {
    std::string hash;
    std::string violation;
    std::map<Errc, std::size_t> answers;  // by the error of the request, else of its partition
    std::size_t fences = 0;
};

// A fenced broker in the ISR of a led partition, or an ISR member that is not a replica.
std::string check_isrs(const metadata::ClusterImage& image) {
    for (const auto& [name, topic] : image.topics()) {
        for (std::size_t i = 0; i < topic.partitions.size(); ++i) {
            const metadata::PartitionRegistration& p = topic.partitions[i];
            for (BrokerId b : p.isr) {
                const metadata::BrokerRegistration* reg = image.broker(b);
                const std::string where = name + "-" + std::to_string(i) + ": ISR member " + std::to_string(b.value);
                if (!p.is_replica(b)) return where + " is not a replica";
                if (p.has_leader() && (reg == nullptr || reg->fenced)) return where + " is fenced";
            }
        }
    }
    return {};
}

// From broker `from`'s own view: for one partition it believes it leads, a new ISR of itself and
// a random choice of the other replicas, in replica order, with the epochs it knows.
std::optional<AlterPartitionRequest> propose(const metadata::ClusterImage& view, BrokerId from, engine::Random& random) {
    const metadata::BrokerRegistration* self = view.broker(from);
    if (self == nullptr) return std::nullopt;
    std::vector<TopicPartition> led;
    for (const auto& [name, topic] : view.topics())
        for (std::size_t i = 0; i < topic.partitions.size(); ++i)
            if (topic.partitions[i].leader == from) led.push_back({name, static_cast<std::int32_t>(i)});
    if (led.empty()) return std::nullopt;
    const TopicPartition tp = led[random.uniform(led.size())];
    const metadata::PartitionRegistration& p = *view.partition(tp);
    AlterPartitionRequest r{from, self->epoch, {}};
    AlterPartitionRequest::Partition part{tp, p.leader_epoch, p.partition_epoch, {}};
    for (BrokerId b : p.replicas) {
        if (b != from && !random.chance(2, 3)) continue;
        const metadata::BrokerRegistration* reg = view.broker(b);
        part.new_isr.push_back({b, reg != nullptr ? reg->epoch : BrokerEpoch{-1}});
    }
    r.partitions.push_back(std::move(part));
    return r;
}

AlterSweepOut alter_among_faults(std::uint64_t seed) {
    ClusterOptions o;
    o.seed = seed;
    o.brokers = 4;
    // Slow syncs keep AlterPartitions uncommitted long enough for faults to meet them.
    o.controller_disk.latency.sync = engine::LatencyModel{Duration::ms(20), Duration::ms(300)};
    Cluster c(o);
    AlterSweepOut out;
    c.sim.add_invariant("alter partition invariants", [&c, &out] {
        if (!out.violation.empty()) return;
        const controller::Controller* ctrl = c.controller();
        if (ctrl == nullptr) return;
        std::string bad = check_leaders(ctrl->image());
        if (bad.empty()) bad = check_isrs(ctrl->image());
        if (!bad.empty()) out.violation = std::to_string(c.sim.now().us()) + " us: " + bad;
    });
    engine::Random random = c.sim.random_stream("test.alter_partition");
    c.run_until_ms(5000);
    for (int t = 0; t < 3; ++t) {
        CreateTopicsRequest topic{"t" + std::to_string(t), 4, 3, {}, {}};
        REQUIRE(c.call(std::move(topic)).ok());
    }
    for (std::int64_t t = 8000; t < 90000; t += 200 + static_cast<std::int64_t>(random.uniform(800))) {
        c.run_until_ms(t);
        const int b = 1 + static_cast<int>(random.uniform(4));
        const std::uint64_t what = random.uniform(40);
        if (what == 0) {
            c.broker(b).crash();
        } else if (what == 1) {
            c.broker(b).power_loss();
        } else if (what < 5) {
            c.broker(b).start();
        } else if (what == 5) {
            c.controller_node.crash();
        } else if (what == 6) {
            c.controller_node.start();
        } else if (what == 7) {
            c.net->isolate(c.broker(b).id());  // fenced, later back with its old view
        } else if (what == 8) {
            c.net->heal();
        } else if (FakeBroker* fake = c.fake_broker(b)) {
            // Sometimes two changes from one view: the second is based on a replaced version.
            const int count = random.chance(1, 3) ? 2 : 1;
            for (int i = 0; i < count; ++i)
                if (auto r = propose(c.views.at(BrokerId{b}).image, BrokerId{b}, random)) fake->alter_partition(std::move(*r));
        }
    }
    c.net->heal();
    c.controller_node.start();
    for (engine::Node* n : c.broker_nodes) n->start();
    c.run_until_ms(130000);
    const controller::Controller* ctrl = c.controller();
    REQUIRE(ctrl != nullptr);
    for (const auto& [id, view] : c.views) {
        CHECK(view.image == ctrl->image());
        for (const AlterPartitionResponse& a : view.alter_partition_answers)
            ++out.answers[a.error != Errc::none || a.partitions.empty() ? a.error : a.partitions[0].error];
    }
    out.fences = c.traced("controller.fence").size();
    out.hash = c.sim.trace().hash_hex();
    return out;
}

AlterSweepOut sweep(std::uint64_t first, std::uint64_t last) {
    AlterSweepOut total;
    for (std::uint64_t seed = first; seed <= last; ++seed) {
        CAPTURE(seed);
        const AlterSweepOut out = run_twice([seed] { return alter_among_faults(seed); });
        CHECK(out.violation == "");
        for (const auto& [e, n] : out.answers) total.answers[e] += n;
        total.fences += out.fences;
    }
    std::string summary;
    for (const auto& [e, n] : total.answers) summary += std::string(to_string(e)) + ": " + std::to_string(n) + "; ";
    INFO("answers " << summary);
    // The run did exercise what it checks: changes accepted and brokers fenced.
    CHECK(total.answers[Errc::none] > 10 * (last - first + 1));
    CHECK(total.fences > 0);
    return total;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("leaders change ISRs from their own views among failures and leaders stay clean") { sweep(1, 1); }

}  // TEST_SUITE

TEST_SUITE("sweep") {

TEST_CASE("leaders change ISRs from their own views among failures over 20 seeds") {
    AlterSweepOut total = sweep(2, 21);
    // Old views of every kind were refused.
    CHECK(total.answers[Errc::invalid_update_version] > 0);
    CHECK(total.answers[Errc::fenced_leader_epoch] > 0);
    CHECK(total.answers[Errc::ineligible_replica] > 0);
}

}  // TEST_SUITE
