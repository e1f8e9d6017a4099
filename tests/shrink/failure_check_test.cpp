// --check's value and what makes a run fail it (scenarios/shrink/failure_check.h).
#include <doctest/doctest.h>

#include <stdexcept>

#include "engine/assert.h"
#include "scenarios/shrink/failure_check.h"

using namespace kafkasim::shrink;

namespace {

const Doc expectations = Doc::parse(R"([
  {"name": "nothing acknowledged is lost", "expect": "lost_acked == 0", "safety": true},
  {"name": "lag stays low", "expect": "max(lag{group=payments}) <= 100", "at_ms": 30000}
])");

FailureCheck parsed(const std::string& text) {
    const auto check = parse_failure_check(text, expectations);
    REQUIRE(std::holds_alternative<FailureCheck>(check));
    return std::get<FailureCheck>(check);
}

std::string error_of(const std::string& text) {
    const auto check = parse_failure_check(text, expectations);
    REQUIRE(std::holds_alternative<std::string>(check));
    return std::get<std::string>(check);
}

// The crash of a SIM_ASSERT that fails here, at the line given.
Crash assertion_here(bool ok, int& line) {
    try {
        line = __LINE__ + 1;
        SIM_ASSERT(ok, "a test's assertion");
    } catch (const kafkasim::engine::AssertionFailure& e) {
        return crash_of(e);
    }
    return {};
}

Crash assertion_elsewhere() {
    try {
        SIM_ASSERT(1 + 1 == 3, "another place");
    } catch (const kafkasim::engine::AssertionFailure& e) {
        return crash_of(e);
    }
    return {};
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a checker's name is a check whose expectation says its count is above 0") {
    const FailureCheck c = parsed("lost_acked");
    CHECK(c.kind == FailureCheck::Kind::checker);
    CHECK(c.flag() == "lost_acked");
    CHECK(c.expectation == Doc::parse(R"({"name": "the failure this file reproduces", "expect": "lost_acked > 0"})"));
}

TEST_CASE("expectation:NAME turns that expectation around and keeps its time") {
    const FailureCheck lost = parsed("expectation:nothing acknowledged is lost");
    CHECK(lost.kind == FailureCheck::Kind::expectation);
    CHECK(lost.flag() == "expectation:nothing acknowledged is lost");
    CHECK(lost.expectation["expect"] == "lost_acked != 0");
    CHECK_FALSE(lost.expectation.contains("at_ms"));
    const FailureCheck lag = parsed("expectation:lag stays low");
    CHECK(lag.expectation["expect"] == "max(lag{group=payments}) > 100");
    CHECK(lag.expectation["at_ms"] == 30000);
}

TEST_CASE("a misspelt check is answered with the closest name") {
    CHECK(error_of("lost_ackd").find("did you mean \"lost_acked\"?") != std::string::npos);
    CHECK(error_of("expectation:lag stays lo").find("did you mean \"expectation:lag stays low\"?") != std::string::npos);
    const std::string far = error_of("banana");
    CHECK(far.find("did you mean") == std::string::npos);
    CHECK(far.find("lost_acked, divergent_replicas") != std::string::npos);
    CHECK(error_of("expectation:no such expectation").find("expectation:NAME") != std::string::npos);
}

TEST_CASE("inverted_expectation turns each comparison and leaves selectors alone") {
    CHECK(inverted_expectation("lost_acked == 0") == "lost_acked != 0");
    CHECK(inverted_expectation("lost_acked != 0") == "lost_acked == 0");
    CHECK(inverted_expectation("processed{group=payments} == acked{topic=orders}") ==
          "processed{group=payments} != acked{topic=orders}");
    CHECK(inverted_expectation("max(lag{group=a.b}) <= 100") == "max(lag{group=a.b}) > 100");
    CHECK(inverted_expectation("sum(leaders) < 1") == "sum(leaders) >= 1");
    CHECK(inverted_expectation("leaderless_ms{topic=orders,partition=0} > 5000") ==
          "leaderless_ms{topic=orders,partition=0} <= 5000");
    CHECK(inverted_expectation("acked >= 10") == "acked < 10");
}

TEST_CASE("crash is a check with no expectation") {
    const FailureCheck c = parsed("crash");
    CHECK(c.kind == FailureCheck::Kind::crash);
    CHECK(c.flag() == "crash");
    CHECK(c.expectation.is_null());
    CHECK_FALSE(c.crash.has_value());
    CHECK(error_of("crsh").find("did you mean \"crash\"?") != std::string::npos);
    Doc doc = Doc::parse(R"({"seed": 1, "expectations": [{"name": "a", "expect": "lost_acked == 0"}]})");
    set_check_expectations(doc, c);
    CHECK_FALSE(doc.contains("expectations"));
    set_check_expectations(doc, parsed("lost_acked"));
    CHECK(doc["expectations"] == Doc::array({parsed("lost_acked").expectation}));
}

TEST_CASE("crash_of reads a failed SIM_ASSERT's condition and place from the source root") {
    int line = 0;
    const Crash c = assertion_here(false, line);
    CHECK(c.assertion);
    CHECK(c.condition == "ok");
    CHECK(c.place == "tests/shrink/failure_check_test.cpp:" + std::to_string(line));
    CHECK(c.message.find("SIM_ASSERT(ok) failed: a test's assertion") != std::string::npos);
    CHECK(describe_crash(c) == "SIM_ASSERT(ok) at tests/shrink/failure_check_test.cpp:" + std::to_string(line));
    const Crash other = crash_of(std::out_of_range("map::at"));
    CHECK_FALSE(other.assertion);
    CHECK(other.message == "map::at");
    CHECK(describe_crash(other) == "an exception: map::at");
}

TEST_CASE("two crashes are the same bug when condition and place match - whatever their hints say") {
    int line = 0;
    const Crash here = assertion_here(false, line);
    Crash reworded = here;
    reworded.message = "a hint with other numbers in it";
    CHECK(same_crash(here, reworded));
    const Crash elsewhere = assertion_elsewhere();
    CHECK_FALSE(same_crash(here, elsewhere));  // another condition at another place
    Crash same_condition_elsewhere = here;
    same_condition_elsewhere.place = elsewhere.place;
    CHECK_FALSE(same_crash(here, same_condition_elsewhere));
    Crash other_condition_here = here;
    other_condition_here.condition = elsewhere.condition;
    CHECK_FALSE(same_crash(here, other_condition_here));
    // An exception is the same as another only by its message, and never as an assertion.
    const Crash at = crash_of(std::out_of_range("map::at"));
    CHECK(same_crash(at, crash_of(std::out_of_range("map::at"))));
    CHECK_FALSE(same_crash(at, crash_of(std::out_of_range("vector"))));
    Crash as_message = at;
    as_message.message = here.message;
    CHECK_FALSE(same_crash(here, as_message));
}

TEST_CASE("crash_count counts only the crash the check keeps") {
    int line = 0;
    const Crash here = assertion_here(false, line);
    FailureCheck c = parsed("crash");
    CHECK(crash_count(c, here) == 0);  // no crash to keep yet
    c.crash = here;
    CHECK(crash_count(c, here) == 1);
    CHECK(crash_count(c, assertion_elsewhere()) == 0);
    CHECK(crash_count(parsed("lost_acked"), here) == 0);
    kafkasim::scenarios::RunResult r;
    CHECK(failure_count(c, r) == 0);  // a run that ended did not crash
}

TEST_CASE("failure_count reads the checker or whether the turned expectation holds") {
    kafkasim::scenarios::RunResult r;
    for (const std::string& name : kafkasim::scenarios::checker_names()) r.checks[name] = {};
    r.checks["lost_acked"].count = 12;
    CHECK(failure_count(parsed("lost_acked"), r) == 12);
    CHECK(failure_count(parsed("divergent_replicas"), r) == 0);
    const FailureCheck lost = parsed("expectation:nothing acknowledged is lost");
    CHECK(failure_count(lost, r) == 0);
    r.expectations.push_back({std::string(reproduced_name), true, "lost_acked != 0: 12 != 0", false});
    CHECK(failure_count(lost, r) == 1);
    r.expectations.back().ok = std::nullopt;  // not reached
    CHECK(failure_count(lost, r) == 0);
}

}  // TEST_SUITE
