#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "engine/simulation.h"
#include "sim/controller/placement.h"

using namespace kafkasim;
using namespace kafkasim::controller;

namespace {

std::vector<BrokerId> brokers(int n) {
    std::vector<BrokerId> out;
    for (int i = 1; i <= n; ++i) out.push_back(BrokerId{i * 10});  // ids need not be dense
    return out;
}

struct Counts {
    std::map<BrokerId, std::int64_t> leaders;
    std::map<BrokerId, std::int64_t> replicas;
};

Counts count(const Placement& p, const std::vector<BrokerId>& all) {
    Counts c;
    for (BrokerId b : all) c.leaders[b] = c.replicas[b] = 0;
    for (const auto& replicas : p.replicas) {
        c.leaders[replicas.front()] += 1;
        for (BrokerId b : replicas) c.replicas[b] += 1;
    }
    return c;
}

// Checks the placer's properties for one cluster and topic shape, on one seed.
void check_placement(std::uint64_t seed, int n, std::int32_t partitions, std::int32_t rf) {
    CAPTURE(seed);
    CAPTURE(n);
    CAPTURE(partitions);
    CAPTURE(rf);
    engine::Random random = engine::Random::from_seed(seed).split("placement");
    const std::vector<BrokerId> all = brokers(n);
    const Placement p = place_replicas(all, PlacementSpec{partitions, rf}, random);
    REQUIRE(p.error == Errc::none);
    REQUIRE(p.replicas.size() == static_cast<std::size_t>(partitions));
    for (const auto& replicas : p.replicas) {
        REQUIRE(replicas.size() == static_cast<std::size_t>(rf));
        CHECK(std::set<BrokerId>(replicas.begin(), replicas.end()).size() == replicas.size());  // each broker once
        for (BrokerId b : replicas) CHECK(std::find(all.begin(), all.end(), b) != all.end());
    }
    const Counts c = count(p, all);
    // Leaders: within one of even, i.e. floor or ceil of partitions / brokers.
    const std::int64_t lo = partitions / n;
    const std::int64_t hi = lo + (partitions % n == 0 ? 0 : 1);
    for (const auto& [b, k] : c.leaders) CHECK((k >= lo && k <= hi));
    // Replicas: every full round of n partitions puts each broker rf times; the last, partial
    // round of k partitions is a stripe of k consecutive windows of rf brokers, which puts each
    // broker between 0 and min(k, rf) more times.
    const std::int64_t rounds = partitions / n;
    const std::int64_t rest = partitions % n;
    for (const auto& [b, k] : c.replicas) {
        CHECK(k >= rounds * rf);
        CHECK(k <= rounds * rf + std::min<std::int64_t>(rest, rf));
    }
    if (rest == 0) {
        for (const auto& [b, k] : c.replicas) CHECK(k == rounds * rf);  // exactly even
    }
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("placement puts each broker at most once per partition and spreads leaders and replicas") {
    for (std::uint64_t seed = 1; seed <= 100; ++seed) {
        check_placement(seed, 3, 12, 3);
        check_placement(seed, 5, 7, 2);
        check_placement(seed, 6, 50, 3);
        check_placement(seed, 1, 4, 1);
        check_placement(seed, 4, 1, 4);
    }
}

TEST_CASE("placement replicas are within one of even for a fresh cluster when a stripe is whole") {
    // With one replica per partition, or a count that fills whole rounds, the spread is even.
    for (std::uint64_t seed = 1; seed <= 100; ++seed) {
        engine::Random random = engine::Random::from_seed(seed).split("placement");
        const std::vector<BrokerId> all = brokers(4);
        for (std::int32_t partitions : {4, 8, 9, 13}) {
            const Placement p = place_replicas(all, PlacementSpec{partitions, 1}, random);
            const Counts c = count(p, all);
            const auto [mn, mx] = std::minmax_element(c.replicas.begin(), c.replicas.end(),
                                                      [](const auto& a, const auto& b) { return a.second < b.second; });
            CHECK(mx->second - mn->second <= 1);
        }
    }
}

TEST_CASE("placement starts at a random broker drawn from its stream") {
    std::set<BrokerId> first_leaders;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        engine::Random random = engine::Random::from_seed(seed).split("placement");
        first_leaders.insert(place_replicas(brokers(5), PlacementSpec{1, 1}, random).replicas.at(0).at(0));
        // The same stream gives the same placement.
        engine::Random a = engine::Random::from_seed(seed).split("placement");
        engine::Random b = engine::Random::from_seed(seed).split("placement");
        CHECK(place_replicas(brokers(5), PlacementSpec{9, 3}, a).replicas ==
              place_replicas(brokers(5), PlacementSpec{9, 3}, b).replicas);
    }
    CHECK(first_leaders.size() == 5);
}

TEST_CASE("placement refuses a factor it cannot meet with INVALID_REPLICATION_FACTOR") {
    engine::Random random = engine::Random::from_seed(1);
    CHECK(place_replicas(brokers(3), PlacementSpec{1, 4}, random).error == Errc::invalid_replication_factor);
    CHECK(place_replicas(brokers(3), PlacementSpec{1, 0}, random).error == Errc::invalid_replication_factor);
    CHECK(place_replicas({}, PlacementSpec{1, 1}, random).error == Errc::invalid_replication_factor);
    const Placement ok = place_replicas(brokers(3), PlacementSpec{2, 3}, random);
    CHECK(ok.error == Errc::none);
}

TEST_CASE("placement stripes consecutive brokers from the start like Kafka's striped placer") {
    engine::Random random = engine::Random::from_seed(5);
    const Placement p = place_replicas(brokers(4), PlacementSpec{4, 3}, random);
    REQUIRE(p.replicas.size() == 4);
    // Within a round, partition k starts one broker after partition k - 1 and takes the next ones.
    const std::vector<BrokerId> sorted = brokers(4);
    auto pos = [&](BrokerId b) { return std::find(sorted.begin(), sorted.end(), b) - sorted.begin(); };
    for (std::size_t k = 0; k < 4; ++k) {
        for (std::size_t r = 1; r < 3; ++r) CHECK(pos(p.replicas[k][r]) == (pos(p.replicas[k][0]) + static_cast<long>(r)) % 4);
        if (k > 0) CHECK(pos(p.replicas[k][0]) == (pos(p.replicas[k - 1][0]) + 1) % 4);
    }
}

}  // TEST_SUITE
