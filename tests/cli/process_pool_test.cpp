// The swarm's process pool: items run in children, results come back in index order whatever
// order the children finish in, and a child that dies costs only its own item.
#include <doctest/doctest.h>

#include <csignal>
#include <unistd.h>

#include <string>
#include <vector>

#include "cli/process_pool.h"

using namespace kafkasim::cli;

TEST_SUITE("quick") {

TEST_CASE("children report in index order and a dead child costs only its item") {
    std::vector<std::string> seen;
    run_in_children(
        6, 3,
        [](std::size_t i) -> std::string {
            if (i == 2) std::raise(SIGKILL);  // (not SIGSEGV: a sanitizer would catch it and exit)
            if (i == 4) ::_exit(3);
            if (i == 0) ::usleep(50'000);  // finishes after later items
            return "item " + std::to_string(i) + std::string(100'000, '.');  // more than a pipe holds
        },
        [&](std::size_t i, const ChildOutcome& outcome) {
            seen.push_back(std::to_string(i) + ":" + (outcome.output ? outcome.output->substr(0, 6) : outcome.death));
            if (outcome.output) CHECK(outcome.output->size() == 100'006);
        });
    REQUIRE(seen.size() == 6);
    CHECK(seen[0] == "0:item 0");
    CHECK(seen[1] == "1:item 1");
    CHECK(seen[2].rfind("2:killed by signal 9", 0) == 0);
    CHECK(seen[3] == "3:item 3");
    CHECK(seen[4] == "4:exit 3");
    CHECK(seen[5] == "5:item 5");
}

}  // TEST_SUITE
