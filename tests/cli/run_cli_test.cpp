// `kafkasim run` as a user runs it (docs/cli.md): the report, --json, --seed, --until, --knob,
// --trace, --narrate, and the exit codes.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "tests/cli/run_kafkasim.h"

using namespace kafkasim::testing;

namespace {

const std::string scenario = std::string(KAFKASIM_TEST_DATA_DIR) + "/scenarios/failover-basic.json";

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("run prints the report and exits 0 when every expectation holds") {
    const Run run = run_kafkasim("run " + scenario);
    CHECK(run.exit_code == 0);
    CHECK(run.err.empty());
    CHECK(run.out.find("Topic: orders\tPartition: 0\tLeader: ") != std::string::npos);
    CHECK(run.out.find("lost_acked") != std::string::npos);
    CHECK(run.out.find("PASS  nothing acknowledged is lost") != std::string::npos);
    CHECK(run.out.find("trace hash ") != std::string::npos);
}

TEST_CASE("run --json prints one document with every checker and the same hash for the same seed") {
    const Run a = run_kafkasim("run --json " + scenario);
    REQUIRE(a.exit_code == 0);
    const auto j = nlohmann::json::parse(a.out);
    CHECK(j["scenario"] == "failover-basic");
    CHECK(j["seed"] == 7);
    CHECK(j["trace_hash"].get<std::string>().size() == 16);
    CHECK(j["checks"].size() == 11);
    CHECK(j["expectations"].size() == 3);
    CHECK(j["expectations"][0]["ok"] == true);
    const auto again = nlohmann::json::parse(run_kafkasim("run --json " + scenario).out);
    CHECK(again["trace_hash"] == j["trace_hash"]);
    const auto other = nlohmann::json::parse(run_kafkasim("run --json --seed 8 " + scenario).out);
    CHECK(other["seed"] == 8);
    CHECK(other["trace_hash"] != j["trace_hash"]);
}

TEST_CASE("run reports unconsumed per acks mode in the text and in --json") {
    const std::string late = std::string(KAFKASIM_TEST_DATA_DIR) + "/scenarios/group-late-join.json";
    const Run text = run_kafkasim("run " + late);
    REQUIRE(text.exit_code == 0);
    const auto line_at = text.out.find("\n  unconsumed ");
    REQUIRE(line_at != std::string::npos);
    const std::string line = text.out.substr(line_at + 1, text.out.find('\n', line_at + 1) - line_at - 1);
    CHECK(line.find("   (liveness: acks=all ") == 40);  // the count's column ends where the others' do
    CHECK(line.find(", acks=1 0, acks=0 ") != std::string::npos);
    CHECK(line.ends_with(": lost, but nothing was promised)"));
    const auto j = nlohmann::json::parse(run_kafkasim("run --json " + late).out);
    REQUIRE(j["check_parts"].size() == 1);
    const auto& parts = j["check_parts"]["unconsumed"];
    REQUIRE(parts.size() == 3);
    std::int64_t sum = 0;
    for (const auto& p : parts) sum += p["value"].get<std::int64_t>();
    CHECK(sum == j["checks"]["unconsumed"]);
    CHECK(parts[0]["acks"] == "all");
    CHECK(parts[1] == nlohmann::json{{"acks", "1"}, {"value", 0}});
    CHECK(parts[2]["acks"] == "0");
    CHECK(parts[2]["value"] > 0);
    // Without a group nothing is counted, and acks=0 broke no promise it made.
    const Run failover = run_kafkasim("run " + scenario);
    CHECK(failover.out.find("(liveness: acks=all 0, acks=1 0, acks=0 0)\n") != std::string::npos);
}

TEST_CASE("the text report prints at most 100 partitions of a topic and --json every one") {
    // Issue 30: 10 000 partitions and ten groups made a report of 110 000 lines.
    std::ifstream in(scenario);
    nlohmann::json doc = nlohmann::json::parse(in);
    doc["topics"][0]["partitions"] = 130;
    doc["topics"][0]["replication_factor"] = 1;
    doc["faults"] = nlohmann::json::array();
    const auto path = write_input("wide.json", doc.dump());
    const Run text = run_kafkasim("run --until 3000 " + path.string());
    CHECK(text.out.find("Topic: orders\tPartition: 99\t") != std::string::npos);
    CHECK(text.out.find("Topic: orders\tPartition: 100\t") == std::string::npos);
    CHECK(text.out.find("    ... 30 more partitions of orders (--json lists every one)\n") != std::string::npos);
    const Run json = run_kafkasim("run --json --until 3000 " + path.string());
    const auto j = nlohmann::json::parse(json.out);
    std::size_t listed = 0;
    for (const auto& t : j["topics"])
        if (t["name"] == "orders") listed = t["partitions"].size();
    CHECK(listed == 130);
}

TEST_CASE("run --until before an expectation reports it not reached without failing") {
    const Run run = run_kafkasim("run --json --until 5000 " + scenario);
    CHECK(run.exit_code == 0);
    const auto j = nlohmann::json::parse(run.out);
    CHECK(j["sim_time_ms"] == 5000);
    CHECK(j["expectations"][0]["ok"].is_null());
    CHECK(j["expectations"][0]["status"] == "not_reached");
}

TEST_CASE("a failing expectation exits 1") {
    std::ifstream in(scenario);
    auto doc = nlohmann::json::parse(in);
    doc["expectations"][2]["expect"] = "acked{topic=orders} > 1000000";
    const auto path = write_input("failing.json", doc.dump());
    const Run run = run_kafkasim("run " + path.string());
    CHECK(run.exit_code == 1);
    CHECK(run.out.find("FAIL  records were acknowledged") != std::string::npos);
}

TEST_CASE("run --knob sets a knob and an unknown knob or value is bad input") {
    // acks=1 turns the lesson around: the crashed leader had acknowledged records alone.
    const Run run = run_kafkasim("run --json --knob acks=1 " + scenario);
    CHECK(run.exit_code == 1);
    CHECK(nlohmann::json::parse(run.out)["checks"]["lost_acked"] > 0);
    check_bad_input(run_kafkasim("run --knob ack=1 " + scenario), "kafkasim run: ", false);
    check_bad_input(run_kafkasim("run --knob acks=2 " + scenario), "kafkasim run: ", false);
    check_bad_input(run_kafkasim("run --knob acks " + scenario), "kafkasim run: ", false);
}

TEST_CASE("run refuses bad seeds and times and unknown scenarios with exit 2") {
    check_bad_input(run_kafkasim("run --seed -1 " + scenario), "kafkasim run: ", false);
    check_bad_input(run_kafkasim("run --seed 9007199254740992 " + scenario), "kafkasim run: ", false);
    check_bad_input(run_kafkasim("run --until soon " + scenario), "kafkasim run: ", false);
    check_bad_input(run_kafkasim("run --lang fr " + scenario), "kafkasim run: ", false);
    check_bad_input(run_kafkasim("run no-such-scenario"), "kafkasim run: ", false);
    const Run flags = run_kafkasim("run --bogus " + scenario);
    CHECK(flags.exit_code == 2);
}

TEST_CASE("run --narrate prints captions at their times and to stderr under --json") {
    const Run text = run_kafkasim("run --narrate --lang ko " + scenario);
    CHECK(text.out.rfind("[00:00.000] 브로커 세 대", 0) == 0);
    CHECK(text.out.find("[00:20.000] orders-0의 리더가 죽는다.") != std::string::npos);
    const Run json = run_kafkasim("run --json --narrate --lang en " + scenario);
    CHECK(json.err.find("[00:20.000] The leader of orders-0 crashes.") != std::string::npos);
    CHECK_NOTHROW(nlohmann::json::parse(json.out));
    const Run quiet = run_kafkasim("run --quiet --narrate " + scenario);
    CHECK(quiet.out.empty());
    CHECK(quiet.exit_code == 0);
}

TEST_CASE("run --trace writes one JSON object per line with the documented fields") {
    const auto path = scratch() / "trace.jsonl";
    const Run run = run_kafkasim("run --trace " + path.string() + " " + scenario);
    REQUIRE(run.exit_code == 0);
    std::ifstream in(path);
    std::string line;
    int lines = 0;
    bool saw_fault = false;
    while (std::getline(in, line)) {
        const auto j = nlohmann::json::parse(line);
        CHECK(j.contains("time_us"));
        CHECK(j.contains("kind"));
        saw_fault = saw_fault || j["kind"] == "scenario.fault";
        ++lines;
    }
    CHECK(lines > 1000);
    CHECK(saw_fault);
    check_bad_input(run_kafkasim("run --trace /nonexistent/dir/t.jsonl " + scenario), "kafkasim run: ", false);
}

TEST_CASE("run --perfetto writes Chrome trace events with node tracks and spans") {
    const auto path = scratch() / "run.perfetto.json";
    const Run run = run_kafkasim("run --quiet --perfetto " + path.string() + " " + scenario);
    REQUIRE(run.exit_code == 0);
    std::ifstream in(path);
    const auto doc = nlohmann::json::parse(in);
    REQUIRE(doc["traceEvents"].is_array());
    std::set<std::string> tracks;
    int produce = 0;
    int down = 0;
    for (const auto& e : doc["traceEvents"]) {
        REQUIRE(e.contains("ph"));
        REQUIRE(e.contains("pid"));
        if (e["ph"] == "M") {
            if (e["name"] == "process_name") tracks.insert(e["args"]["name"].get<std::string>());
            continue;
        }
        CHECK(e["ts"].get<std::int64_t>() >= 0);
        if (e["ph"] == "X") {
            CHECK(e["dur"].get<std::int64_t>() >= 0);
            produce += e["name"].get<std::string>().rfind("Produce orders-", 0) == 0 ? 1 : 0;
            down += e["name"] == "down (crash)" ? 1 : 0;
        }
    }
    for (const char* t : {"controller", "broker-1", "broker-2", "broker-3", "orders-service", "admin", "scenario"})
        CHECK(tracks.contains(t));
    CHECK(produce > 100);
    CHECK(down == 1);  // the leader of orders-0, from its crash to its restart
    check_bad_input(run_kafkasim("run --perfetto /nonexistent/dir/p.json " + scenario), "kafkasim run: ", false);
}

TEST_CASE("run --perfetto shows rebalances as slices on members and on the coordinator") {
    const auto path = scratch() / "group.perfetto.json";
    const std::string groups = std::string(KAFKASIM_TEST_DATA_DIR) + "/scenarios/group-basic.json";
    REQUIRE(run_kafkasim("run --quiet --perfetto " + path.string() + " " + groups).exit_code == 0);
    std::ifstream in(path);
    const auto doc = nlohmann::json::parse(in);
    std::map<std::int64_t, std::string> track;
    for (const auto& e : doc["traceEvents"])
        if (e["ph"] == "M" && e["name"] == "process_name") track[e["pid"].get<std::int64_t>()] = e["args"]["name"];
    std::map<std::string, int> member_rebalances;
    int group_rebalances = 0;
    for (const auto& e : doc["traceEvents"]) {
        if (e["ph"] != "X") continue;
        const std::string owner = track[e["pid"].get<std::int64_t>()];
        if (e["name"] == "rebalance") member_rebalances[owner] += 1;
        if (e["name"] == "rebalance payments") {
            CHECK(owner.rfind("broker-", 0) == 0);
            ++group_rebalances;
        }
    }
    // consumer-2 rebalances as it joins and when the third joins (consumer-1 and consumer-2
    // start together and may form the group in one rebalance or two); consumer-3 as it joins
    // and after consumer-2 leaves and consumer-1 crashes.
    CHECK(member_rebalances["payments/consumer-2"] >= 2);
    CHECK(member_rebalances["payments/consumer-3"] >= 2);
    CHECK(group_rebalances >= 4);
}

}  // TEST_SUITE
