// `kafkasim partition` as a user runs it (docs/cli.md): the built binary is started with
// std::system; the JSON shape, --hex, the empty key, `--`, and exit 2 on bad input.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/run_kafkasim.h"

using namespace kafkasim::testing;

TEST_SUITE("quick") {

TEST_CASE("partition json shape matches Kafka vectors") {
    const Run run = run_kafkasim("partition --partitions 10 --json foobar 21");
    REQUIRE(run.exit_code == 0);
    CHECK(run.err.empty());
    const auto rows = nlohmann::json::parse(run.out);
    REQUIRE(rows.is_array());
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == nlohmann::json{{"key", "foobar"}, {"murmur2", -790332482}, {"to_positive", 1357151166},
                                    {"partition", 6}});
    CHECK(rows[1] == nlohmann::json{{"key", "21"}, {"murmur2", -973932308}, {"to_positive", 1173551340},
                                    {"partition", 0}});
    CHECK(rows[0].size() == 4);
}

TEST_CASE("partition text prints one line per key") {
    const Run run = run_kafkasim("partition --partitions 3 foobar abc 0");
    REQUIRE(run.exit_code == 0);
    CHECK(line_count(run.out) == 3);
    CHECK(run.out.find("\"foobar\" murmur2=-790332482 to_positive=1357151166 partition=0\n") == 0);
}

TEST_CASE("partition hex keys hash the bytes and keep the key as given") {
    const Run run = run_kafkasim("partition --partitions 10 --hex --json 666F6f626172");
    REQUIRE(run.exit_code == 0);
    const auto rows = nlohmann::json::parse(run.out);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].at("key") == "666F6f626172");
    CHECK(rows[0].at("murmur2") == -790332482);
    CHECK(rows[0].at("partition") == 6);
}

TEST_CASE("partition empty key is zero bytes") {
    const Run text = run_kafkasim("partition --partitions 7 --json ''");
    REQUIRE(text.exit_code == 0);
    const auto rows = nlohmann::json::parse(text.out);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].at("key") == "");
    CHECK(rows[0].at("murmur2") == 275646681);
    CHECK(rows[0].at("partition") == 275646681 % 7);
    const Run hex = run_kafkasim("partition --partitions 7 --hex --json ''");
    REQUIRE(hex.exit_code == 0);
    CHECK(nlohmann::json::parse(hex.out)[0].at("murmur2") == 275646681);
}

TEST_CASE("partition double dash ends the flags") {
    const Run run = run_kafkasim("partition --partitions 5 --json -- -x --json");
    REQUIRE(run.exit_code == 0);
    const auto rows = nlohmann::json::parse(run.out);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].at("key") == "-x");
    CHECK(rows[1].at("key") == "--json");
}

TEST_CASE("partition largest N is accepted") {
    const Run run = run_kafkasim("partition --partitions 2147483647 --json foobar");
    REQUIRE(run.exit_code == 0);
    CHECK(nlohmann::json::parse(run.out)[0].at("partition") == 1357151166);
}

TEST_CASE("partition without a key exits 2") { check_bad_input(run_kafkasim("partition --partitions 3"), "kafkasim partition: "); }

TEST_CASE("partition bad hex exits 2") {
    check_bad_input(run_kafkasim("partition --partitions 3 --hex abc"), "kafkasim partition: ");
    check_bad_input(run_kafkasim("partition --partitions 3 --hex zz"), "kafkasim partition: ");
    check_bad_input(run_kafkasim("partition --partitions 3 --hex 0x12"), "kafkasim partition: ");
}

TEST_CASE("partition bad N exits 2") {
    check_bad_input(run_kafkasim("partition --partitions 0 k"), "kafkasim partition: ");
    check_bad_input(run_kafkasim("partition --partitions 2147483648 k"), "kafkasim partition: ");
    check_bad_input(run_kafkasim("partition --partitions -1 k"), "kafkasim partition: ");
    check_bad_input(run_kafkasim("partition --partitions three k"), "kafkasim partition: ");
    check_bad_input(run_kafkasim("partition k"), "kafkasim partition: ");
}

}  // TEST_SUITE
