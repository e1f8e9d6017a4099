// `kafkasim swarm` as a user runs it (docs/swarm.md): one JSON line per seed in seed order,
// shards that merge by concatenation into the unsharded output, failing runs saved as files
// that replay, and bad input refused with exit 2.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "tests/cli/run_kafkasim.h"

using namespace kafkasim::testing;

namespace {

const std::string small = std::string(KAFKASIM_TEST_DATA_DIR) + "/scenarios/swarm-small.json";

std::vector<nlohmann::json> lines_of(const std::string& out) {
    std::vector<nlohmann::json> lines;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
    return lines;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("swarm prints one line per seed in seed order and a summary") {
    const Run run = run_kafkasim("swarm " + small + " --seeds 3..6 --jobs 2 --out " + (scratch() / "none").string());
    CHECK(run.exit_code == 0);
    const auto lines = lines_of(run.out);
    REQUIRE(lines.size() == 4);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        CHECK(lines[i]["seed"] == 3 + i);
        CHECK(lines[i]["ok"] == true);
        CHECK(lines[i]["trace_hash"].get<std::string>().size() == 16);
        CHECK(lines[i]["faults"].get<int>() >= 1);
        CHECK(lines[i]["checks"].contains("lost_acked"));
        CHECK(lines[i]["liveness"].contains("leaderless_partitions"));
    }
    CHECK(run.err.find("swarm swarm-small: 4 seeds, 0 failing") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(scratch() / "none"));
}

TEST_CASE("shards merge by concatenation into the unsharded run") {
    const Run all = run_kafkasim("swarm " + small + " --seeds 1..5 --jobs 1 --quiet");
    const Run a = run_kafkasim("swarm " + small + " --seeds 1..5 --shard 0/2 --jobs 2 --quiet");
    const Run b = run_kafkasim("swarm " + small + " --seeds 1..5 --shard 1/2 --quiet");
    REQUIRE(all.exit_code == 0);
    CHECK(all.err.empty());
    const auto la = lines_of(a.out);
    const auto lb = lines_of(b.out);
    REQUIRE(la.size() == 3);
    REQUIRE(lb.size() == 2);
    std::map<int, std::string> merged;
    for (const auto& l : la) merged[l["seed"].get<int>()] = l.dump();
    for (const auto& l : lb) merged[l["seed"].get<int>()] = l.dump();
    std::string joined;
    for (const auto& [seed, line] : merged) joined += line + "\n";
    std::string unsharded;
    for (const auto& l : lines_of(all.out)) unsharded += l.dump() + "\n";
    CHECK(joined == unsharded);
}

TEST_CASE("a failing run is saved as a file that replays it") {
    std::ifstream in(small);
    auto doc = nlohmann::json::parse(in);
    doc["expectations"].push_back({{"name", "something was lost"}, {"expect", "lost_acked > 0"}});
    const auto tmpl = write_input("always-fails.json", doc.dump());
    const auto out_dir = scratch() / "failures";
    const Run run = run_kafkasim("swarm " + tmpl.string() + " --seeds 8..9 --out " + out_dir.string());
    CHECK(run.exit_code == 1);
    const auto lines = lines_of(run.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["ok"] == false);
    CHECK(lines[0]["failed"][0].get<std::string>().find("something was lost: ") == 0);
    CHECK(run.err.find("2 failing (saved in ") != std::string::npos);
    CHECK(run.err.find("failed: something was lost: 2 runs") != std::string::npos);
    CHECK(run.err.find("\n  to shrink the first: kafkasim shrink " + (out_dir / "always-fails-seed-8.json").string() +
                       " --check 'expectation:something was lost'\n") != std::string::npos);
    const std::string file = lines[1]["file"];
    CHECK(file == (out_dir / "always-fails-seed-9.json").string());
    const Run replay = run_kafkasim("run --json " + file);
    CHECK(replay.exit_code == 1);
    CHECK(nlohmann::json::parse(replay.out)["trace_hash"] == lines[1]["trace_hash"]);
}

TEST_CASE("swarm refuses bad input with exit 2") {
    check_bad_input(run_kafkasim("swarm " + small + " --seeds 5..2"), "kafkasim swarm: --seeds must be A..B");
    check_bad_input(run_kafkasim("swarm " + small + " --seeds 1.."), "kafkasim swarm: --seeds must be A..B");
    check_bad_input(run_kafkasim("swarm " + small + " --seeds ''"), "kafkasim swarm: ");
    check_bad_input(run_kafkasim("swarm " + small + " --shard 2/2"), "kafkasim swarm: --shard must be I/N");
    check_bad_input(run_kafkasim("swarm " + small + " --shard 1"), "kafkasim swarm: --shard must be I/N");
    check_bad_input(run_kafkasim("swarm " + small + " --jobs -1"), "kafkasim swarm: --jobs must be");
    check_bad_input(run_kafkasim("swarm " + small + " --event-budget 0"), "kafkasim swarm: --event-budget must be");
    const Run unknown = run_kafkasim("swarm no-such-template");
    check_bad_input(unknown, "no-such-template: no such file, and no bundled template by that name (templates: ");
    CHECK(unknown.err.find("safe-fsync") != std::string::npos);
    const Run bundled_lesson = run_kafkasim("swarm leader-failover");
    CHECK(bundled_lesson.exit_code == 2);
    CHECK(bundled_lesson.err.find("not a swarm template") != std::string::npos);
    const Run lesson = run_kafkasim("swarm " + std::string(KAFKASIM_TEST_DATA_DIR) + "/scenarios/failover-basic.json");
    CHECK(lesson.exit_code == 2);
    CHECK(lesson.err.find("not a swarm template") != std::string::npos);
}

}  // TEST_SUITE
