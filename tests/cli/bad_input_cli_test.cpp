// Bad input found by fuzzing the command line (issue 29): each gets one clear line and exit 2.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdlib>

#include "tests/cli/run_kafkasim.h"

using namespace kafkasim::testing;

namespace {

std::string bad_input_fixture(const std::string& name) { return std::string(KAFKASIM_TEST_DATA_DIR) + "/scenarios/" + name; }

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a key with a newline or an escape code is shown escaped - one error per line") {
    const auto bad = write_input("control.json", "{\"seed\": 1, \"clus\\u001b[31mter\\n\": 1}");
    const Run run = run_kafkasim("validate '" + bad.string() + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.err.find('\x1b') == std::string::npos);
    CHECK(run.err.find("clus\\u001b[31mter\\n") != std::string::npos);
    // every line is an error of this file
    std::size_t start = 0;
    for (std::size_t end; (end = run.err.find('\n', start)) != std::string::npos; start = end + 1)
        CHECK(run.err.compare(start, bad.string().size(), bad.string()) == 0);
}

TEST_CASE("an empty --seed or --until is refused") {
    check_bad_input(run_kafkasim("run " + bad_input_fixture("failover-basic.json") + " --seed ''"), "kafkasim run: ");
    check_bad_input(run_kafkasim("run " + bad_input_fixture("failover-basic.json") + " --until ''"), "kafkasim run: ");
    const Run run = run_kafkasim("run " + bad_input_fixture("failover-basic.json") + " --seed $'1\\n2'");
    check_bad_input(run, "kafkasim run: ");
    CHECK(run.err.find("1\\n2") != std::string::npos);
}

TEST_CASE("an unknown command is named - with the closest one") {
    const Run run = run_kafkasim("rnu x.json");
    check_bad_input(run, "kafkasim: ");
    CHECK(run.err.find("unknown command \"rnu\"; did you mean \"run\"?") != std::string::npos);
    const Run other = run_kafkasim("frobnicate");
    check_bad_input(other, "kafkasim: ");
    CHECK(other.err.find("unknown command \"frobnicate\"") != std::string::npos);
    check_bad_input(run_kafkasim(""), "kafkasim: ");  // none at all: a subcommand is required
}

TEST_CASE("a run estimated past the work limit is refused unless forced") {
    // Issue 29: accepted scenarios that would take days. A day at 100 000 records per second:
    const auto big = write_input("big.json", R"({"seed": 1, "duration_ms": 86400000,
      "description": {"en": "big", "ko": "큰 것"}, "cluster": {"brokers": 1},
      "topics": [{"name": "t", "partitions": 1, "replication_factor": 1}],
      "producers": [{"name": "p", "topic": "t", "rate_per_s": 100000}]})");
    const Run refused = run_kafkasim("run '" + big.string() + "'");
    check_bad_input(refused, "kafkasim run: ");
    CHECK(refused.err.find("about 8640000001 records") != std::string::npos);
    CHECK(refused.err.find("--force") != std::string::npos);
    // --until bounds the work; --force runs it anyway
    CHECK(run_kafkasim("run '" + big.string() + "' --until 50 --quiet").exit_code == 0);
    CHECK(run_kafkasim("run '" + big.string() + "' --until 60 --force --quiet").exit_code == 0);
}

TEST_CASE("a report that cannot be written is an error - not a success") {
    const std::string command = "'" + std::string(KAFKASIM_EXE) + "' run " + bad_input_fixture("failover-basic.json") +
                                " --until 1000 >/dev/full 2>'" + (scratch() / "full-err").string() + "'";
    const int status = std::system(command.c_str());
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
    const std::string list = "'" + std::string(KAFKASIM_EXE) + "' list >/dev/full 2>/dev/null";
    const int list_status = std::system(list.c_str());
    REQUIRE(WIFEXITED(list_status));
    CHECK(WEXITSTATUS(list_status) == 2);
}

}  // TEST_SUITE
