#include <doctest/doctest.h>

#include "bench/phold_model.h"

using namespace kafkasim::bench;

TEST_SUITE("quick") {

// The reference row of ../shared/phold.md: it pins the engine's total order (time, then
// FIFO among ties). Any other tie-break gives another fingerprint.
TEST_CASE("PHOLD N=1024 M=16 E=200000 matches the reference fingerprint on both variants") {
    PholdParams p;
    p.lps = 1024;
    p.events_per_lp = 16;
    p.total_events = 200000;
    for (PholdVariant v : {PholdVariant::engine, PholdVariant::bare}) {
        const PholdResult r = run_phold(v, p);
        CHECK(r.processed == 200000);
        CHECK(r.final_time == 13490762);
        CHECK(fingerprint_hex(r.checksum) == "17f673c462daaa63");
    }
}

}  // TEST_SUITE
