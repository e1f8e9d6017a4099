// The exact assignor vectors of kafka-vectors.json (copied to tests/data/
// kafka-vectors-assignors.json from the project's shared vectors; each case comes from Apache
// Kafka's RangeAssignorTest, RoundRobinAssignorTest, AbstractStickyAssignorTest,
// StickyAssignorTest, CooperativeStickyAssignorTest or an assignor's javadoc, and was checked
// against Kafka's own classes). Assignments compare as sets per member.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "sim/assign/rounds.h"
#include "sim/assign/sticky.h"
#include "tests/sim/assign/assignment_checks.h"
#include "tests/sim/assign/vector_reader.h"

using namespace kafkasim::assign;
using namespace kafkasim::assign::test;

namespace {

// Runs every exact vector that names `strategy`; returns how many were checked.
int check_exact_vectors(Strategy strategy, Round round) {
    int checked = 0;
    for (const VectorCase& c : load_assignor_vectors()) {
        if (c.kind != "exact") continue;
        if (std::find(c.assignors.begin(), c.assignors.end(), std::string(strategy_name(strategy))) == c.assignors.end()) continue;
        const auto& expected = round == Round::first ? c.expected_first_round : c.expected;
        if (!expected) continue;
        INFO("vector " << c.id);
        REQUIRE(c.group.has_value());
        const auto got = sorted(assign_rounds(strategy, *c.group, round).assignment);
        CHECK_MESSAGE(got == *expected, "got " << describe(got) << " expected " << describe(*expected));
        ++checked;
    }
    return checked;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("range matches every exact Kafka vector") {
    CHECK(check_exact_vectors(Strategy::range, Round::final) == 11);
}

TEST_CASE("roundrobin matches every exact Kafka vector") {
    CHECK(check_exact_vectors(Strategy::roundrobin, Round::final) == 8);
}

TEST_CASE("sticky matches every exact Kafka vector") {
    CHECK(check_exact_vectors(Strategy::sticky, Round::final) == 10);
}

TEST_CASE("cooperative-sticky matches every exact Kafka vector after the follow-up rebalances") {
    CHECK(check_exact_vectors(Strategy::cooperative_sticky, Round::final) == 10);
}

TEST_CASE("cooperative-sticky matches every exact Kafka vector of the first rebalance") {
    CHECK(check_exact_vectors(Strategy::cooperative_sticky, Round::first) == 2);
}

// AbstractStickyAssignorTest also asserts partitionsTransferringOwnership, which only the
// constrained algorithm fills in.
TEST_CASE("the constrained sticky algorithm reports the partitions Kafka reports as transferring") {
    int checked = 0;
    for (const VectorCase& c : load_assignor_vectors()) {
        if (!c.transferring) continue;
        INFO("vector " << c.id);
        const StickyResult result = run_sticky(*c.group);
        REQUIRE(result.transferring.has_value());
        CHECK(*result.transferring == *c.transferring);
        ++checked;
    }
    CHECK(checked == 6);
}

}  // TEST_SUITE
