// `kafkasim shrink --check crash` in-process (docs/cli.md): no input reaches a real internal
// error, so the runs carry injected trace sinks that fail an assertion (tests/support/
// injected_crash.h); and the shrink command a swarm's summary suggests for a failing line.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/run_command.h"
#include "cli/shrink_command.h"
#include "cli/swarm_command.h"
#include "tests/support/injected_crash.h"

using namespace kafkasim;

namespace {

const std::string crash_faults = std::string(KAFKASIM_TEST_DATA_DIR) + "/shrink/crash-faults.json";

std::vector<std::shared_ptr<engine::TraceSink>> injected() {
    return {std::make_shared<testing::LongPauseSink>(), std::make_shared<testing::PowerLossSink>()};
}

std::string scratch_file(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("kafkasim-shrink-crash-" + std::to_string(::getpid()) + "-" + name)).string();
}

nlohmann::ordered_json swarm_line(const std::string& text) { return nlohmann::ordered_json::parse(text); }

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("shrink --check crash writes an expectation-free file whose run ends in the same assertion") {
    cli::ShrinkCommandOptions o;
    o.file = crash_faults;
    o.check = "crash";
    o.out = scratch_file("min.json");
    o.lang = "en";
    o.trace_sinks = injected();
    std::ostringstream out;
    std::ostringstream err;
    REQUIRE(cli::run_shrink(o, out, err) == 0);
    const std::string assertion = "SIM_ASSERT(pause_us < 2'000'000) at tests/support/injected_crash.h:";
    CHECK(out.str().find("shrunk " + crash_faults + " to " + o.out + ": crash (" + assertion) != std::string::npos);
    CHECK(out.str().find("candidates hit another internal error") != std::string::npos);
    CHECK(err.str().find("round 1: faults 9 → 1") != std::string::npos);
    std::ifstream written(o.out);
    const auto doc = nlohmann::json::parse(written);
    CHECK_FALSE(doc.contains("expectations"));
    CHECK(doc["description"]["en"].get<std::string>().find("kafkasim run exits 3 with " + assertion) != std::string::npos);
    CHECK(doc["description"]["ko"].get<std::string>().find("실패로 종료 코드 3을 낸다") != std::string::npos);
    // What the description says holds.
    cli::RunCommandOptions run;
    run.scenario = o.out;
    run.trace_sinks = injected();
    std::ostringstream run_out;
    std::ostringstream run_err;
    CHECK(cli::run_run(run, run_out, run_err) == 3);
    CHECK(run_err.str().find("SIM_ASSERT(pause_us < 2'000'000) failed") != std::string::npos);
    std::filesystem::remove(o.out);
}

TEST_CASE("shrink --check crash of a run that ends without one exits 1") {
    cli::ShrinkCommandOptions o;
    o.file = crash_faults;
    o.check = "crash";
    o.out = scratch_file("never.json");
    o.lang = "en";
    std::ostringstream out;
    std::ostringstream err;
    CHECK(cli::run_shrink(o, out, err) == 1);
    CHECK(out.str() == crash_faults + " does not fail crash with seed 3 (its run ends without an internal error): nothing to shrink\n");
    CHECK_FALSE(std::filesystem::exists(o.out));
}

TEST_CASE("shrink with another check of a run that crashes exits 3 and points to --check crash") {
    cli::ShrinkCommandOptions o;
    o.file = crash_faults;
    o.check = "lost_acked";
    o.out = scratch_file("other.json");
    o.trace_sinks = injected();
    std::ostringstream out;
    std::ostringstream err;
    CHECK(cli::run_shrink(o, out, err) == 3);
    CHECK(out.str().empty());
    CHECK(err.str().starts_with("kafkasim shrink: internal error in crash-faults with seed 3: "));
    CHECK(err.str().find("SIM_ASSERT(pause_us < 2'000'000) failed") != std::string::npos);
    CHECK(err.str().find("\nkafkasim shrink: --check crash shrinks it") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(o.out));
}

TEST_CASE("a swarm line's failure names the check that shrink keeps") {
    const std::vector<std::string> names{"lost", "lost: acked", "nothing skipped"};
    CHECK(cli::shrink_check_for(swarm_line(R"({"ok": false, "failed": ["nothing skipped: consumer_skips == 0: 2 == 0"], "errors": []})"),
                                names) == "expectation:nothing skipped");
    // A name that holds ": " itself: the longest that fits.
    CHECK(cli::shrink_check_for(swarm_line(R"({"failed": ["lost: acked: lost_acked == 0: 1 == 0"]})"), names) ==
          "expectation:lost: acked");
    CHECK(cli::shrink_check_for(
              swarm_line(R"({"failed": [], "errors": ["internal error: sim/log/log.cpp:42: SIM_ASSERT(a) failed: b"]})"), names) ==
          "crash");
    CHECK_FALSE(cli::shrink_check_for(swarm_line(R"({"failed": [], "errors": ["event budget of 5 spent at 3 ms of 9 ms: a livelock"]})"),
                                      names));
    CHECK_FALSE(cli::shrink_check_for(swarm_line(R"j({"errors": ["the run died: killed by signal 11 (Segmentation fault)"]})j"), names));
    CHECK_FALSE(cli::shrink_check_for(
        swarm_line(R"({"errors": ["internal error: the drawn schedule does not load: x.json:1:1: /faults: bad"]})"), names));
    CHECK_FALSE(cli::shrink_check_for(swarm_line(R"({"failed": ["renamed: lost_acked == 0: 1 == 0"]})"), names));
}

}  // TEST_SUITE
