#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "engine/random.h"

using namespace kafkasim::engine;

TEST_SUITE("quick") {

// Golden values computed by an independent reading of the derivation in docs/engine.md
// (a short Python script); any change to the generator, the seeding or the stream
// derivation changes every run's hash and must be caught here.
TEST_CASE("the generator gives the golden sequence for seed 42") {
    Random r = Random::from_seed(42);
    CHECK(r.next_u64() == 0xfb9816f75043f898ull);
    CHECK(r.next_u64() == 0x51c39b44b98b1755ull);
    CHECK(r.next_u64() == 0x172e2bdb2c29a434ull);
    CHECK(r.next_u64() == 0x7f480c55fce9ef2full);
}

TEST_CASE("a named stream gives its golden sequence") {
    Random r = Random::from_seed(42).split("network");
    CHECK(r.next_u64() == 0x49c3265db6caae6aull);
    CHECK(r.next_u64() == 0xbbc710efc31c02fdull);
}

TEST_CASE("uniform(n) gives its golden sequence and stays in range") {
    Random r = Random::from_seed(7);
    std::vector<std::uint64_t> got;
    for (int i = 0; i < 10; ++i) got.push_back(r.uniform(10));
    CHECK(got == std::vector<std::uint64_t>{7, 5, 1, 8, 8, 5, 9, 6, 8, 0});
    for (int i = 0; i < 10000; ++i) {
        const auto v = r.uniform_between(-3, 3);
        CHECK((v >= -3 && v <= 3));
    }
}

TEST_CASE("streams are independent as adding one or drawing from one never shifts another") {
    const Random root = Random::from_seed(99);
    Random a1 = root.split("producer-1");
    std::vector<std::uint64_t> alone;
    for (int i = 0; i < 8; ++i) alone.push_back(a1.next_u64());

    Random b = root.split("producer-2");
    for (int i = 0; i < 1000; ++i) b.next_u64();
    Random a2 = root.split("producer-1");
    std::vector<std::uint64_t> beside;
    for (int i = 0; i < 8; ++i) beside.push_back(a2.next_u64());
    CHECK(alone == beside);

    Random c = root.split("producer-3");
    CHECK(c.next_u64() != root.split("producer-1").next_u64());
    CHECK(Random::from_seed(100).split("producer-1").next_u64() != alone[0]);
}

TEST_CASE("distribution means over 100000 draws") {
    Random r = Random::from_seed(2024);
    constexpr int n = 100000;

    double sum = 0;
    for (int i = 0; i < n; ++i) sum += static_cast<double>(r.uniform(100));
    CHECK(sum / n == doctest::Approx(49.5).epsilon(0.01));

    int hits = 0;
    for (int i = 0; i < n; ++i) hits += r.chance(3, 10) ? 1 : 0;
    CHECK(hits / double(n) == doctest::Approx(0.3).epsilon(0.02));

    sum = 0;
    for (int i = 0; i < n; ++i) sum += static_cast<double>(r.exponential(Duration::ms(10)).count_us());
    CHECK(sum / n == doctest::Approx(10000).epsilon(0.02));

    sum = 0;
    double sq = 0;
    for (int i = 0; i < n; ++i) {
        const auto d = static_cast<double>(
            r.bounded_normal(Duration::ms(50), Duration::ms(5), Duration::ms(30), Duration::ms(70)).count_us());
        CHECK((d >= 30000 && d <= 70000));
        sum += d;
        sq += d * d;
    }
    const double mean = sum / n;
    const double stddev = std::sqrt(sq / n - mean * mean);
    CHECK(mean == doctest::Approx(50000).epsilon(0.01));
    CHECK(stddev == doctest::Approx(5000).epsilon(0.03));

    sum = 0;
    for (int i = 0; i < n; ++i) sum += r.unit();
    CHECK(sum / n == doctest::Approx(0.5).epsilon(0.01));
}

TEST_CASE("edge cases of the distributions") {
    Random r = Random::from_seed(5);
    for (int i = 0; i < 100; ++i) {
        CHECK_FALSE(r.chance(0, 7));
        CHECK(r.chance(7, 7));
        CHECK(r.uniform(1) == 0);
        CHECK(r.exponential(Duration::zero()) == Duration::zero());
    }
    // A window far in a tail still terminates, clamped to its nearer end.
    const auto d = r.bounded_normal(Duration::ms(1), Duration::us(1), Duration::ms(100), Duration::ms(200));
    CHECK(d == Duration::ms(100));
}

}  // TEST_SUITE
