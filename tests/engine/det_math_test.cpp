#include <doctest/doctest.h>

#include <cmath>

#include "engine/det_math.h"
#include "engine/random.h"

using namespace kafkasim::engine;

TEST_SUITE("quick") {

TEST_CASE("det_log agrees with libm's log to a few ulp across the range") {
    CHECK(det_log(1.0) == 0.0);
    Random r = Random::from_seed(3);
    for (int i = 0; i < 100000; ++i) {
        const double x = std::ldexp(1.0 + r.unit(), static_cast<int>(r.uniform_between(-1060, 1020)));
        const double want = std::log(x);
        const double got = det_log(x);
        CHECK(std::fabs(got - want) <= 4 * std::fabs(want) * 0x1.0p-52 + 0x1.0p-1074 * 4);
    }
    for (double x : {0x1.0p-53, 0.5, 0.7071, 1e-300, 2.0, 10.0, 1e300}) {
        CHECK(std::fabs(det_log(x) - std::log(x)) <= 4 * std::fabs(std::log(x)) * 0x1.0p-52);
    }
}

}  // TEST_SUITE
