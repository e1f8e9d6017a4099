// The shrunk file's form (scenarios/shrink/shrink_output.h): its one expectation, the narration
// skeleton, the description, and the text it is written as.
#include <doctest/doctest.h>

#include "scenarios/loader/scenario_loader.h"
#include "scenarios/shrink/shrink_output.h"

using namespace kafkasim::shrink;

namespace {

const Doc scenario = Doc::parse(R"({
  "seed": 4, "duration_ms": 30000,
  "description": {"en": "old", "ko": "옛"},
  "cluster": {"brokers": 2},
  "topics": [{"name": "orders", "partitions": 1, "replication_factor": 2}],
  "faults": [
    {"at_ms": 20000, "crash": {"leader_of": "orders-0"}},
    {"at_ms": 5000, "pause": "broker-2", "for_ms": 3000},
    {"at_ms": 20000, "heal": true}
  ],
  "narration": [{"at_ms": 100, "en": "old", "ko": "옛"}]
})");

const FailureCheck lost{FailureCheck::Kind::checker, "lost_acked",
                        Doc{{"name", reproduced_name}, {"expect", "lost_acked > 0"}}, {}};

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("describe_fault names the action and its arguments in a few words") {
    CHECK(describe_fault(scenario["faults"][0]) == "crash leader_of orders-0");
    CHECK(describe_fault(scenario["faults"][1]) == "pause broker-2 for_ms 3000");
    CHECK(describe_fault(Doc::parse(R"({"at_ms": 1, "partition": [["broker-1"], ["broker-2", "controller"]]})")) ==
          "partition [[broker-1], [broker-2, controller]]");
}

TEST_CASE("the finished scenario has one expectation and a caption at 0 and at each fault's time") {
    const Doc done = finished_scenario(scenario, lost, Provenance{"swarm-17.json", "lost_acked", {"acks=1"}});
    CHECK(done["expectations"] == Doc::parse(R"([{"name": "the failure this file reproduces", "expect": "lost_acked > 0"}])"));
    const Doc& captions = done["narration"];
    REQUIRE(captions.size() == 3);
    CHECK(captions[0]["at_ms"] == 0);
    CHECK(captions[0]["en"] == "TODO(teacher): what happens at 0 ms (the start)");
    CHECK(captions[1]["at_ms"] == 5000);
    CHECK(captions[1]["ko"] == "TODO(교사): 5000 ms에 일어나는 일 (pause broker-2 for_ms 3000)");
    CHECK(captions[2]["en"] == "TODO(teacher): what happens at 20000 ms (crash leader_of orders-0; heal true)");
    CHECK(done["description"]["en"] ==
          "TODO(teacher): what this file shows. Shrunk from swarm-17.json by kafkasim shrink --check lost_acked --knob acks=1");
    // Keys keep the input's order; what the input lacked comes last.
    std::vector<std::string> keys;
    for (const auto& [key, value] : done.items()) keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"seed", "duration_ms", "description", "cluster", "topics", "faults", "narration",
                                           "expectations"});
}

TEST_CASE("the finished scenario loads as it is") {
    const Doc done = finished_scenario(scenario, lost, Provenance{"a b.json", "expectation:it's fine", {}});
    const auto loaded = kafkasim::scenarios::load_scenario_text(format_scenario(done), "a-min.json");
    for (const std::string& e : loaded.errors) MESSAGE(e);
    CHECK(loaded.spec.has_value());
    CHECK(done["description"]["en"].get<std::string>().ends_with("--check 'expectation:it'\\''s fine'"));
}

TEST_CASE("format_scenario puts what fits in 100 columns on one line") {
    const std::string text = format_scenario(scenario);
    CHECK(text.starts_with("{\n  \"seed\": 4,\n  \"duration_ms\": 30000,\n"));
    CHECK(text.find("\n  \"description\": {\"en\": \"old\", \"ko\": \"옛\"},\n") != std::string::npos);
    CHECK(text.find("\n    {\"at_ms\": 20000, \"crash\": {\"leader_of\": \"orders-0\"}},\n") != std::string::npos);
    CHECK(text.ends_with("}\n"));
    CHECK(Doc::parse(text) == scenario);
    Doc wide = scenario;
    wide["description"]["en"] = std::string(120, 'x');
    CHECK(format_scenario(wide).find("\n  \"description\": {\n    \"en\": \"xxx") != std::string::npos);
}

}  // TEST_SUITE
