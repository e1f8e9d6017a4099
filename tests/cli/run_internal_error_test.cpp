// Exit code 3: a failed SIM_ASSERT during a run is an internal error, reported with the
// scenario and the seed so that it can be replayed, never a crash. No valid input should reach
// one, so the test injects a trace sink that fails an assertion when the first fault fires.
#include <doctest/doctest.h>

#include <sstream>

#include "cli/run_command.h"
#include "engine/assert.h"

using namespace kafkasim;

namespace {

class FailingSink : public engine::TraceSink {
public:
    void write(const engine::TraceRecordView& record) override {
        SIM_ASSERT(record.kind != "scenario.fault", "an injected failure at the first fault");
    }
};

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a failed assertion during a run exits 3 with the scenario and the seed") {
    cli::RunCommandOptions options;
    options.scenario = std::string(KAFKASIM_TEST_DATA_DIR) + "/scenarios/failover-basic.json";
    options.seed = "12";
    options.trace_sinks.push_back(std::make_shared<FailingSink>());
    std::ostringstream out;
    std::ostringstream err;
    CHECK(cli::run_run(options, out, err) == 3);
    CHECK(out.str().empty());
    CHECK(err.str().rfind("kafkasim run: internal error in failover-basic with seed 12: ", 0) == 0);
    CHECK(err.str().find("an injected failure at the first fault") != std::string::npos);
}

TEST_CASE("the same run without the failure exits 0") {
    cli::RunCommandOptions options;
    options.scenario = std::string(KAFKASIM_TEST_DATA_DIR) + "/scenarios/failover-basic.json";
    options.quiet = true;
    std::ostringstream out;
    std::ostringstream err;
    CHECK(cli::run_run(options, out, err) == 0);
    CHECK(err.str().empty());
}

}  // TEST_SUITE
