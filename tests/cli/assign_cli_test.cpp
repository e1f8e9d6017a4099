// `kafkasim assign` as a user runs it (docs/cli.md): the built binary is started with
// std::system and its exit code, stdout and stderr are checked. The public contract: the
// --json shape, exit 0 / 2 / 3, one-line errors on stderr, --help.
#include <doctest/doctest.h>

#include "tests/cli/run_kafkasim.h"

#include <nlohmann/json.hpp>
#include <string>


using namespace kafkasim::testing;

namespace {

const char* small_group = R"({
  "id": "ignored", "kind": "exact", "expected": {"x": []},
  "partitions_per_topic": {"b": 2, "a10": 1, "a": 11},
  "subscriptions": {"m2": ["a", "a10", "b"], "m1": ["a", "a10", "b"], "idle": ["missing-topic"]}
})";

// The same-generation double claim of Kafka's CooperativeStickyAssignorTest (vector
// coop-same-generation-double-claim-3).
const char* double_claim = R"({
  "partitions_per_topic": {"topic": 3},
  "subscriptions": {"consumer1": ["topic"], "consumer2": ["topic"], "consumer3": ["topic"]},
  "owned": {"consumer1": ["topic-0", "topic-1"], "consumer2": ["topic-0", "topic-2"]},
  "generations": {"consumer1": 1, "consumer2": 1, "consumer3": 1}
})";

nlohmann::json assignment_of(const Run& run) { return nlohmann::json::parse(run.out).at("assignment"); }

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("assign --json prints every member with partitions sorted by topic then number") {
    const auto input = write_input("small.json", small_group);
    const Run run = run_kafkasim("assign --strategy range --input '" + input.string() + "' --json");
    REQUIRE(run.exit_code == 0);
    CHECK(run.err.empty());
    const auto doc = nlohmann::json::parse(run.out);
    CHECK(doc.size() == 1);
    const auto expected = nlohmann::json::parse(R"({
      "idle": [],
      "m1": ["a-0", "a-1", "a-2", "a-3", "a-4", "a-5", "a10-0", "b-0"],
      "m2": ["a-6", "a-7", "a-8", "a-9", "a-10", "b-1"]})");
    CHECK(doc.at("assignment") == expected);
}

TEST_CASE("assign runs each strategy by its Kafka name") {
    const auto input = write_input("double.json", double_claim);
    for (const char* strategy : {"range", "roundrobin", "sticky", "cooperative-sticky"}) {
        INFO(strategy);
        const Run run = run_kafkasim(std::string("assign --strategy ") + strategy + " --input '" + input.string() + "' --json");
        CHECK(run.exit_code == 0);
        CHECK(assignment_of(run).size() == 3);
    }
}

TEST_CASE("cooperative-sticky holds a moving partition back in the first round only") {
    const auto input = write_input("double.json", double_claim);
    const auto base = "assign --strategy cooperative-sticky --input '" + input.string() + "' --json";
    const Run first = run_kafkasim(base + " --round first");
    REQUIRE(first.exit_code == 0);
    CHECK(assignment_of(first) == nlohmann::json::parse(
        R"({"consumer1": ["topic-1"], "consumer2": ["topic-2"], "consumer3": []})"));
    const Run final_round = run_kafkasim(base);
    REQUIRE(final_round.exit_code == 0);
    CHECK(assignment_of(final_round) == nlohmann::json::parse(
        R"({"consumer1": ["topic-1"], "consumer2": ["topic-2"], "consumer3": ["topic-0"]})"));
    CHECK(run_kafkasim(base + " --round final").out == final_round.out);
}

TEST_CASE("the text report names the strategy and every member") {
    const auto input = write_input("double.json", double_claim);
    const Run run = run_kafkasim("assign --strategy cooperative-sticky --input '" + input.string() + "'");
    REQUIRE(run.exit_code == 0);
    CHECK(run.out == "cooperative-sticky assignment (final, after 2 rebalances)\n"
                     "  consumer1: topic-1\n  consumer2: topic-2\n  consumer3: topic-0\n");
}

TEST_CASE("bad input exits 2 with one line on stderr") {
    const auto good = write_input("double.json", double_claim);
    const std::string cases[] = {
        "assign --strategy range --input '" + (scratch() / "no-such-file.json").string() + "'",
        "assign --strategy range --input '" + scratch().string() + "'",
        "assign --strategy range --input /dev/zero",  // a device: refused before it is read
        "assign --strategy range --input '" + write_input("bad.json", "{not json").string() + "'",
        "assign --strategy range --input '" + write_input("array.json", "[1, 2]").string() + "'",
        "assign --strategy range --input '" + write_input("shape.json", R"({"partitions_per_topic": {"t": 1}, "subscriptions": ["m"]})").string() + "'",
        "assign --strategy range --input '" + write_input("count.json", R"({"partitions_per_topic": {"t": -1}, "subscriptions": {"m": ["t"]}})").string() + "'",
        "assign --strategy sticky --input '" + write_input("owned.json", R"({"partitions_per_topic": {"t": 1}, "subscriptions": {"m": ["t"]}, "owned": {"m": ["t-5"]}})").string() + "'",
        "assign --strategy sticky --input '" + write_input("who.json", R"({"partitions_per_topic": {"t": 1}, "subscriptions": {"m": ["t"]}, "generations": {"ghost": 1}})").string() + "'",
        "assign --strategy range --input '" + write_input("huge.json", R"({"partitions_per_topic": {"t": 2000000000}, "subscriptions": {"m": ["t"]}})").string() + "'",
        "assign --strategy fancy --input '" + good.string() + "'",
        "assign --strategy range --round first --input '" + good.string() + "'",
        "assign --strategy sticky --round final --input '" + good.string() + "'",
        "assign --strategy cooperative-sticky --round last --input '" + good.string() + "'",
    };
    for (const std::string& args : cases) {
        INFO(args);
        const Run run = run_kafkasim(args);
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        CHECK(line_count(run.err) == 1);
        CHECK(run.err.rfind("kafkasim assign: ", 0) == 0);
    }
}

TEST_CASE("flag errors from the parser exit 2 and not CLI11's own codes") {
    const auto good = write_input("double.json", double_claim);
    for (const std::string& args : {std::string("assign --strategy range"), std::string(""), std::string("frobnicate"),
                                   "assign --strategy range --input '" + good.string() + "' --verbose"}) {
        INFO(args);
        const Run run = run_kafkasim(args);
        CHECK(run.exit_code == 2);
        CHECK(line_count(run.err) == 1);
        CHECK(run.err.rfind("kafkasim", 0) == 0);
        CHECK(run.out.empty());
    }
}

TEST_CASE("help exits 0 and lists the assign flags") {
    const Run top = run_kafkasim("--help");
    CHECK(top.exit_code == 0);
    CHECK(top.out.find("assign") != std::string::npos);
    const Run sub = run_kafkasim("assign --help");
    CHECK(sub.exit_code == 0);
    CHECK(sub.out.find("--strategy") != std::string::npos);
    CHECK(sub.out.find("--round") != std::string::npos);
}

TEST_CASE("an input on which Kafka's own assignor throws exits 3") {
    // Kafka's general sticky algorithm dereferences a member it set aside (docs/assignors.md).
    const auto input = write_input("npe.json", R"({
      "partitions_per_topic": {"A": 4, "B": 1},
      "subscriptions": {"Y": ["A"], "Z": ["A"], "X": ["B"]},
      "owned": {"Y": ["A-0", "A-1", "A-2", "A-3"], "X": ["A-0", "B-0"]},
      "generations": {"Y": 2, "Z": 2, "X": 1}})");
    const Run run = run_kafkasim("assign --strategy sticky --input '" + input.string() + "' --json");
    CHECK(run.exit_code == 3);
    CHECK(run.out.empty());
    CHECK(run.err.find("NullPointerException") != std::string::npos);
}

}  // TEST_SUITE
