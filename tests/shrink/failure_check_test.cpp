// --check's value and what makes a run fail it (scenarios/shrink/failure_check.h).
#include <doctest/doctest.h>

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
