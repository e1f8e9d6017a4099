// `kafkasim validate` and `kafkasim list` as a user runs them (docs/cli.md).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/run_kafkasim.h"

using namespace kafkasim::testing;

namespace {

std::string fixture(const std::string& name) { return std::string(KAFKASIM_TEST_DATA_DIR) + "/scenarios/" + name; }

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("validate prints ok for each valid file and exits 0") {
    const Run run = run_kafkasim("validate " + fixture("failover-basic.json") + " " + fixture("every-key.json"));
    CHECK(run.exit_code == 0);
    CHECK(run.out == fixture("failover-basic.json") + ": ok\n" + fixture("every-key.json") + ": ok\n");
    CHECK(run.err.empty());
}

TEST_CASE("validate reports each error with file line and column and exits 2") {
    const Run run = run_kafkasim("validate " + fixture("failover-basic.json") + " " + fixture("bad-unknown-key.json"));
    CHECK(run.exit_code == 2);
    CHECK(run.out == fixture("failover-basic.json") + ": ok\n");
    CHECK(run.err.find(fixture("bad-unknown-key.json") + ":6:5: /cluster/brokrs: unknown key") != std::string::npos);
}

TEST_CASE("validate of a missing file or of broken JSON exits 2 with one message each") {
    CHECK(run_kafkasim("validate /nonexistent/x.json").exit_code == 2);
    const auto empty = write_input("empty.json", "");
    const Run run = run_kafkasim("validate " + empty.string());
    CHECK(run.exit_code == 2);
    CHECK(line_count(run.err) == 1);
    const auto broken = write_input("broken.json", "{\n  \"seed\": 1,\n  \"duration_ms\": }\n");
    const Run b = run_kafkasim("validate " + broken.string());
    CHECK(b.exit_code == 2);
    CHECK(b.err.find(broken.string() + ":3:") != std::string::npos);
}

TEST_CASE("validate without a file is a usage error") {
    const Run run = run_kafkasim("validate");
    CHECK(run.exit_code == 2);
    CHECK(run.err.rfind("kafkasim validate: ", 0) == 0);
}

TEST_CASE("list shows each scenario of the library with its description") {
    const std::string env = "KAFKASIM_SCENARIOS=" + std::string(KAFKASIM_TEST_DATA_DIR) + "/scenario-library ";
    const Run en = run_kafkasim_env(env, "list --lang en");
    CHECK(en.exit_code == 0);
    CHECK(en.out == "failover-basic  RF=3: the leader of orders-0 crashes and an in-sync follower takes over.\n");
    const Run ko = run_kafkasim_env(env, "list --lang ko");
    CHECK(ko.out.find("orders-0의 리더") != std::string::npos);
    const Run json = run_kafkasim_env(env, "list --json");
    const auto parsed = nlohmann::json::parse(json.out);
    REQUIRE(parsed.size() == 1);
    CHECK(parsed[0]["name"] == "failover-basic");
    CHECK(parsed[0]["description"]["ko"].get<std::string>().find("팔로워") != std::string::npos);
    CHECK(run_kafkasim_env(env, "list --lang fr").exit_code == 2);
}

}  // TEST_SUITE
