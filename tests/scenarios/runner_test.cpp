// Running a scenario from its spec: the world it builds, the faults by role, the drained
// phase, the checkers, metrics and expectations, and the same hash for the same seed.
#include <doctest/doctest.h>

#include "scenarios/loader/scenario_loader.h"
#include "scenarios/runner/scenario_run.h"

using namespace kafkasim;
using namespace kafkasim::scenarios;

namespace {

ScenarioSpec fixture(const std::string& name, std::vector<std::pair<std::string, std::string>> knobs = {}) {
    const LoadResult r = load_scenario_file(std::string(KAFKASIM_TEST_DATA_DIR) + "/scenarios/" + name, knobs);
    REQUIRE(r.errors.empty());
    return *r.spec;
}

double metric_sum(const RunResult& r, const std::string& name) {
    double total = 0;
    const auto it = r.metrics.find(name);
    if (it != r.metrics.end())
        for (const Sample& s : it->second) total += s.value;
    return total;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a leader failover scenario runs and meets its expectations") {
    const ScenarioSpec spec = fixture("failover-basic.json");
    std::vector<std::string> captions;
    RunOptions options;
    options.on_caption = [&captions](const Caption& c) { captions.push_back(c.text.en); };
    const RunResult r = run_scenario(spec, options);
    for (const auto& e : r.expectations) MESSAGE(e.name << ": " << e.detail);
    CHECK(r.all_ok());
    CHECK(r.checks.size() == checker_names().size());
    CHECK(r.checks.at("lost_acked").count == 0);
    CHECK(metric_sum(r, "acked") > 2000);
    CHECK(metric_sum(r, "leaderless_ms") < 1000);  // the controller elects within the session timeout
    CHECK(captions.size() == 2);
    CHECK(r.sim_time_ms == 120000);  // 60 s, then the 60 s drained phase
    CHECK(run_scenario(spec).trace_hash == r.trace_hash);
    RunOptions other;
    other.seed = 8;
    CHECK(run_scenario(spec, other).trace_hash != r.trace_hash);
}

TEST_CASE("a run stopped early leaves later expectations not reached") {
    const ScenarioSpec spec = fixture("failover-basic.json");
    RunOptions options;
    options.until = engine::Duration::ms(10000);
    const RunResult r = run_scenario(spec, options);
    CHECK(r.sim_time_ms == 10000);
    for (const auto& e : r.expectations) CHECK_FALSE(e.ok.has_value());
    CHECK(r.all_ok());
}

}  // TEST_SUITE
