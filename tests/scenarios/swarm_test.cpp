// The fault swarm's library: schedules drawn from a template load, heal by faults_until and are
// the same for the same seed; a case replays as the plain scenario file it is; a blown event
// budget is a failure, not a hang; the loader checks a template's `swarm` section.
#include <doctest/doctest.h>

#include <set>

#include "scenarios/loader/scenario_loader.h"
#include "scenarios/runner/scenario_run.h"
#include "scenarios/swarm/fault_draw.h"
#include "scenarios/swarm/swarm_case.h"

using namespace kafkasim;
using namespace kafkasim::scenarios;
using OJson = nlohmann::ordered_json;

namespace {

SwarmTemplate bundled(const std::string& name) {
    auto loaded = load_swarm_template(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/templates/" + name + ".json");
    REQUIRE(std::holds_alternative<SwarmTemplate>(loaded));
    return std::get<SwarmTemplate>(std::move(loaded));
}

std::vector<std::string> swarm_errors(const Json& swarm) {
    Json doc = Json::parse(R"({"seed": 1, "duration_ms": 30000, "description": {"en": "t", "ko": "t"},
                               "cluster": {"brokers": 3}})");
    doc["swarm"] = swarm;
    Errors errors;
    load_scenario(doc, "t", errors);
    std::vector<std::string> out;
    for (const LoadError& e : errors.all()) out.push_back(e.path + ": " + e.message);
    return out;
}

bool has(const std::vector<std::string>& errors, const std::string& part) {
    for (const std::string& e : errors)
        if (e.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a seed always draws the same schedule and seeds draw different ones") {
    const SwarmTemplate t = bundled("safe-fsync");
    CHECK(draw_faults(t.spec, 7).faults == draw_faults(t.spec, 7).faults);
    std::set<std::string> schedules;
    for (std::uint64_t seed = 0; seed < 20; ++seed) schedules.insert(draw_faults(t.spec, seed).faults.dump());
    CHECK(schedules.size() == 20);
}

TEST_CASE("every drawn schedule loads and heals everything at faults_until") {
    for (const char* name : {"safe-fsync", "default-durability"}) {
        const SwarmTemplate t = bundled(name);
        const std::int64_t from = t.spec.swarm->faults_from.count_ms();
        const std::int64_t until = t.spec.swarm->faults_until.count_ms();
        std::set<std::string> kinds_seen;
        for (std::uint64_t seed = 0; seed < 300; ++seed) {
            CAPTURE(name);
            CAPTURE(seed);
            std::int64_t drawn = 0;
            const OJson doc = swarm_case_document(t, seed, &drawn);
            CHECK(drawn >= t.spec.swarm->min_faults);
            CHECK(drawn <= t.spec.swarm->max_faults);
            const LoadResult loaded = load_scenario_text(doc.dump(), t.path);
            REQUIRE_MESSAGE(loaded.errors.empty(), loaded.errors.front());
            const OJson& faults = doc["faults"];
            bool healed = false;
            for (const OJson& f : faults) {
                const auto at = f["at_ms"].get<std::int64_t>();
                CHECK(at >= from);
                CHECK(at <= until);
                for (const auto& [key, value] : f.items())
                    if (key != "at_ms" && key != "torn_tail" && key != "for_ms" && key != "factor" && key != "one_way")
                        kinds_seen.insert(key);
                if (at == until && f.contains("heal")) healed = true;
                if (f.contains("pause")) CHECK(at + f["for_ms"].get<std::int64_t>() <= until);
                if (at == until) CHECK((f.contains("heal") || f.contains("restart") || f["factor"] == 1));
            }
            CHECK(healed);
            // Every server and client is restarted at faults_until.
            std::set<std::string> restarted;
            for (const OJson& f : faults)
                if (f["at_ms"] == until && f.contains("restart")) restarted.insert(f["restart"].get<std::string>());
            CHECK(restarted.count("controller") == 1);
            CHECK(restarted.count("broker-3") == 1);
            CHECK(restarted.count("payments/consumer-2") == 1);
            CHECK(restarted.count("orders-service") == 1);
        }
        // Over 300 seeds every kind the template allows is drawn (and restarts and heals).
        for (const std::string& kind : t.spec.swarm->kinds) CHECK_MESSAGE(kinds_seen.count(kind) == 1, kind);
        CHECK(kinds_seen.count("power_loss") == (std::string(name) == "safe-fsync" ? 1 : 0));
    }
}

TEST_CASE("a case replays as the scenario file it is") {
    const SwarmTemplate t = bundled("default-durability");
    const SwarmOutcome outcome = run_swarm_case(t, 11, 50'000'000);
    CHECK(outcome.errors.empty());
    const LoadResult loaded = load_scenario_text(swarm_case_document(t, 11).dump(2), "replay.json");
    REQUIRE(loaded.errors.empty());
    const RunResult replay = run_scenario(*loaded.spec);
    CHECK(replay.trace_hash == outcome.trace_hash);
    CHECK(replay.events == outcome.events);
    CHECK(replay.all_ok() == outcome.ok);
    const OJson line = outcome_json(outcome);
    CHECK(line["seed"] == 11);
    CHECK(line["faults"] == outcome.faults_drawn);
    CHECK(line["checks"].size() == checker_names().size());
    CHECK(line.contains("liveness"));
}

TEST_CASE("a run past its event budget fails instead of hanging") {
    const SwarmTemplate t = bundled("safe-fsync");
    const SwarmOutcome outcome = run_swarm_case(t, 3, 1000);
    CHECK_FALSE(outcome.ok);
    REQUIRE(outcome.errors.size() == 1);
    CHECK(outcome.errors[0].find("event budget of 1000 spent") == 0);
    CHECK(outcome.events == 1000);
}

TEST_CASE("a file without a swarm section is not a template") {
    auto loaded = load_swarm_template(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/leader-failover.json");
    REQUIRE(std::holds_alternative<std::vector<std::string>>(loaded));
    CHECK(std::get<std::vector<std::string>>(loaded).front().find("not a swarm template") != std::string::npos);
    auto unknown = load_swarm_template("no-such-template");
    REQUIRE(std::holds_alternative<std::vector<std::string>>(unknown));
    CHECK(std::get<std::vector<std::string>>(unknown).front().find("templates: ") != std::string::npos);
}

TEST_CASE("the loader checks a swarm section") {
    CHECK(swarm_errors(Json::parse(R"({"faults_until_ms": 20000})")).empty());
    CHECK(has(swarm_errors(Json::parse(R"({"faults_until_ms": 30000})")), "/swarm/faults_until_ms: must be before duration_ms"));
    CHECK(has(swarm_errors(Json::parse(R"({"faults_from_ms": 5000, "faults_until_ms": 4000})")), "must be after faults_from_ms"));
    CHECK(has(swarm_errors(Json::parse(R"({"faults_from_ms": 5000})")), "/swarm/faults_until_ms: missing"));
    CHECK(has(swarm_errors(Json::parse(R"({"faults_until_ms": 20000, "faults": {"min": 4, "max": 2}})")),
              "/swarm/faults/max: must not be below min"));
    CHECK(has(swarm_errors(Json::parse(R"({"faults_until_ms": 20000, "kinds": ["crash", "pauze"]})")),
              "/swarm/kinds/1: expected one of"));
    CHECK(has(swarm_errors(Json::parse(R"({"faults_until_ms": 20000, "kinds": ["crash", "pauze"]})")), "did you mean \"pause\""));
    CHECK(has(swarm_errors(Json::parse(R"({"faults_until_ms": 20000, "kinds": ["crash", "crash"]})")), "listed twice"));
    CHECK(has(swarm_errors(Json::parse(R"({"faults_until_ms": 20000, "kinds": []})")), "non-empty array"));
    CHECK(has(swarm_errors(Json::parse(R"({"faults_until_ms": 20000, "kind": ["crash"]})")), "did you mean \"kinds\""));
}

}  // TEST_SUITE
