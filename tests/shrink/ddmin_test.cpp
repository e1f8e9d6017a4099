// ddmin, remove_each and lowest_failing on pure predicates (scenarios/shrink/ddmin.h).
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "scenarios/shrink/ddmin.h"

using namespace kafkasim::shrink;

namespace {

// A predicate that fails when the subset holds every index of `needed`, and counts its tests.
struct Needs {
    std::set<std::size_t> needed;
    int tests = 0;
    bool operator()(const Subset& s) {
        ++tests;
        return std::all_of(needed.begin(), needed.end(), [&s](std::size_t i) { return std::find(s.begin(), s.end(), i) != s.end(); });
    }
};

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("ddmin finds the two items among ten that a failure needs") {
    Needs needs{{3, 7}};
    const Subset found = ddmin(10, std::ref(needs));
    CHECK(found == Subset{3, 7});
    // Far fewer tests than the 2^10 subsets; ddmin's worst case is quadratic in the items.
    CHECK(needs.tests <= 40);
}

TEST_CASE("ddmin finds one needed item with logarithmically many tests") {
    Needs needs{{13}};
    CHECK(ddmin(64, std::ref(needs)) == Subset{13});
    CHECK(needs.tests <= 12);
}

TEST_CASE("ddmin keeps every item when the failure needs them all") {
    Needs needs{{0, 1, 2, 3, 4}};
    CHECK(ddmin(5, std::ref(needs)) == Subset{0, 1, 2, 3, 4});
}

TEST_CASE("ddmin of a failure that needs items far apart keeps exactly those") {
    Needs needs{{0, 5, 6, 19}};
    CHECK(ddmin(20, std::ref(needs)) == Subset{0, 5, 6, 19});
}

TEST_CASE("remove_each drops every item the failure does not need and the last one too") {
    Needs needs{{2}};
    CHECK(remove_each({1, 2, 4}, std::ref(needs)) == Subset{2});
    Needs nothing{{}};
    CHECK(remove_each({1, 2, 4}, std::ref(nothing)).empty());
}

TEST_CASE("lowest_failing finds the threshold and never tests hi") {
    std::set<std::int64_t> tested;
    const auto fails = [&tested](std::int64_t v) {
        tested.insert(v);
        return v >= 23;
    };
    CHECK(lowest_failing(1, 90, fails) == 23);
    CHECK_FALSE(tested.contains(90));
    CHECK(tested.size() <= 7);
    CHECK(lowest_failing(5, 5, fails) == 5);
    const auto never = [](std::int64_t) { return false; };
    CHECK(lowest_failing(1, 90, never) == 90);
}

}  // TEST_SUITE
