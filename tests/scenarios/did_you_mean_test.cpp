// did_you_mean: the suggestion under an unknown key (scenarios/loader/did_you_mean.h).
#include <doctest/doctest.h>

#include "scenarios/loader/did_you_mean.h"

using kafkasim::scenarios::did_you_mean;
using kafkasim::scenarios::edit_distance;

namespace {
const std::vector<std::string> topic_keys = {"name", "partitions", "replication_factor", "replica_assignment", "configs"};
}

TEST_SUITE("quick") {

TEST_CASE("did_you_mean finds partitions for partitons") {
    CHECK(did_you_mean("partitons", topic_keys) == "partitions");
}

TEST_CASE("did_you_mean finds replication_factor for replication_factr") {
    CHECK(did_you_mean("replication_factr", topic_keys) == "replication_factor");
}

TEST_CASE("did_you_mean ignores case") {
    CHECK(did_you_mean("Partitions", topic_keys) == "partitions");
    CHECK(edit_distance("CONFIGS", "configs") == 0);
}

TEST_CASE("did_you_mean suggests nothing for a distant word") {
    CHECK_FALSE(did_you_mean("banana", topic_keys).has_value());
    CHECK_FALSE(did_you_mean("x", {"yz"}).has_value());
    CHECK_FALSE(did_you_mean("anything", {}).has_value());
}

TEST_CASE("did_you_mean allows one edit per three letters and at least one") {
    // "partitns": 8 letters allow 2 edits and it is 2 away; "prtitns": 7 letters allow 2, it is 3 away.
    CHECK(did_you_mean("partitns", {"partitions"}) == "partitions");
    CHECK_FALSE(did_you_mean("prtitns", {"partitions"}).has_value());
    CHECK(did_you_mean("a", {"b"}) == "b");
}

TEST_CASE("did_you_mean counts swapping two adjacent letters as one edit") {
    // Four letters allow one edit: plain Levenshtein would count this swap as two.
    CHECK(did_you_mean("sede", {"seed"}) == "seed");
    CHECK(edit_distance("sede", "seed") == 1);
}

TEST_CASE("edit_distance is optimal string alignment and edits no substring twice") {
    // Unrestricted Damerau-Levenshtein gives 2 (swap then insert); OSA cannot edit the swapped pair again.
    CHECK(edit_distance("ca", "abc") == 3);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("did_you_mean breaks ties by the order of the known names") {
    CHECK(did_you_mean("cat", {"bat", "hat"}) == "bat");
    CHECK(did_you_mean("cat", {"hat", "bat"}) == "hat");
    CHECK(did_you_mean("cat", {"hat", "cat"}) == "cat");
}

}  // TEST_SUITE
