// `kafkasim shrink` as a user runs it (docs/cli.md): the exit codes, the file it writes, the
// did-you-mean of a misspelt check, and the refusal to overwrite its input.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/cli/run_kafkasim.h"

using namespace kafkasim::testing;

namespace {

std::string text_of(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A copy of a small unclean election (a few milliseconds a run) in the scratch directory, where
// its output goes.
std::filesystem::path small_copy(const std::string& name) {
    return write_input(name, text_of(std::string(KAFKASIM_TEST_DATA_DIR) + "/shrink/small-unclean-election.json"));
}

const std::string unclean_on = " --knob unclean.leader.election.enable=true";

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("shrink writes FILE-min.json that still fails and exits 0") {
    const auto input = small_copy("swarm-1.json");
    const auto output = scratch() / "swarm-1-min.json";
    std::filesystem::remove(output);
    const Run run = run_kafkasim("shrink " + input.string() + " --check lost_acked --max-runs 3" + unclean_on);
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("shrunk " + input.string() + " to " + output.string() + ": lost_acked ") != std::string::npos);
    CHECK(run.out.find("the run budget (--max-runs) is spent") != std::string::npos);
    CHECK(run.err.find("round 1: faults 3 → ") != std::string::npos);
    REQUIRE(std::filesystem::exists(output));
    const auto doc = nlohmann::json::parse(text_of(output));
    CHECK_FALSE(doc.contains("knobs"));
    CHECK(doc["expectations"].size() == 1);
    // It runs as it is: its one expectation says the failure reproduces.
    const Run again = run_kafkasim("run --json " + output.string());
    CHECK(again.exit_code == 0);
    CHECK(nlohmann::json::parse(again.out)["checks"]["lost_acked"] > 0);
}

TEST_CASE("shrink of a file that does not fail says so and exits 1") {
    const auto input = small_copy("clean.json");
    const Run run = run_kafkasim("shrink " + input.string() + " --check lost_acked --quiet");
    CHECK(run.exit_code == 1);
    CHECK(run.out.find("does not fail lost_acked with seed 5") != std::string::npos);
    CHECK(run.err.empty());
    CHECK_FALSE(std::filesystem::exists(scratch() / "clean-min.json"));
}

TEST_CASE("shrink answers a misspelt check with the closest name and exits 2") {
    const auto input = small_copy("typo.json");
    const Run run = run_kafkasim("shrink " + input.string() + " --check lost_ackd");
    check_bad_input(run, "kafkasim shrink: ");
    CHECK(run.err.find("did you mean \"lost_acked\"?") != std::string::npos);
    const Run expectation = run_kafkasim("shrink " + input.string() + " --check 'expectation:nothing acknowledged is lst'");
    check_bad_input(expectation, "kafkasim shrink: ");
    CHECK(expectation.err.find("did you mean \"expectation:nothing acknowledged is lost\"?") != std::string::npos);
}

TEST_CASE("shrink never overwrites its input") {
    const auto input = small_copy("keep.json");
    const std::string before = text_of(input);
    check_bad_input(run_kafkasim("shrink " + input.string() + " --check lost_acked --out " + input.string() + unclean_on),
                    "kafkasim shrink: ");
    // Another spelling of the same file.
    const std::string dotted = (input.parent_path() / "." / "keep.json").string();
    const Run run = run_kafkasim("shrink " + input.string() + " --check lost_acked --out " + dotted + unclean_on);
    check_bad_input(run, "kafkasim shrink: ");
    CHECK(run.err.find("never overwrites") != std::string::npos);
    CHECK(text_of(input) == before);
}

TEST_CASE("shrink refuses bad flags and files with exit 2") {
    const auto input = small_copy("flags.json");
    check_bad_input(run_kafkasim("shrink " + input.string()), "kafkasim shrink: ");  // no --check
    check_bad_input(run_kafkasim("shrink " + input.string() + " --check lost_acked --seed x"), "kafkasim shrink: ");
    check_bad_input(run_kafkasim("shrink " + input.string() + " --check lost_acked --max-runs -1"), "kafkasim shrink: ");
    check_bad_input(run_kafkasim("shrink " + input.string() + " --check lost_acked --lang fr"), "kafkasim shrink: ");
    check_bad_input(run_kafkasim("shrink " + input.string() + " --check lost_acked --knob unclean=true"), "kafkasim shrink: ");
    check_bad_input(run_kafkasim("shrink " + input.string() + " --check lost_acked --out " + scratch().string()),
                    "kafkasim shrink: ");
    check_bad_input(run_kafkasim("shrink " + (scratch() / "missing.json").string() + " --check lost_acked"), "kafkasim shrink: ");
}

}  // TEST_SUITE
