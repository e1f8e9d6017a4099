// duplicates_in_log and send_reordered on hand-made histories and final logs.
#include <doctest/doctest.h>

#include "sim/check/duplicates_in_log.h"
#include "sim/check/send_reordered.h"

using namespace kafkasim;
using namespace kafkasim::check;

namespace {

const TopicPartition partition0{"t", 0};

History sends(const std::vector<std::pair<std::string, std::string>>& producer_values) {
    History h;
    for (const auto& [producer, value] : producer_values) h.on_send(SendEvent{producer, value, partition0, engine::Instant{}});
    return h;
}

ReplicaSnapshot leader_log(const std::vector<std::string>& values, std::int64_t high_watermark) {
    ReplicaLog log;
    log.broker = BrokerId{1};
    log.leader = true;
    log.high_watermark = Offset{high_watermark};
    for (std::size_t i = 0; i < values.size(); ++i) log.values[Offset{static_cast<std::int64_t>(i)}] = values[i];
    ReplicaLog follower = log;
    follower.leader = false;
    follower.values[Offset{0}] = "a";  // followers are not the final log
    return ReplicaSnapshot{{partition0, {log, follower}}};
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("duplicates_in_log counts every extra copy of a producer's record") {
    const History h = sends({{"p", "a"}, {"p", "b"}});
    CHECK(check_duplicates_in_log(h, leader_log({"a", "b"}, 2)).count == 0);
    const CheckResult r = check_duplicates_in_log(h, leader_log({"a", "b", "a", "a", "x", "x"}, 6));
    CHECK(r.count == 2);  // "x" was never sent by a producer
    REQUIRE(r.examples.size() == 1);
    CHECK(r.examples[0] == "a appended 3 times to t-0 at offsets 0, 2, 3");
}

TEST_CASE("duplicates_in_log ignores records above the high watermark") {
    CHECK(check_duplicates_in_log(sends({{"p", "a"}}), leader_log({"a", "a"}, 1)).count == 0);
}

TEST_CASE("send_reordered counts records found after a record their producer sent later") {
    const History h = sends({{"p", "a"}, {"p", "b"}, {"p", "c"}, {"q", "x"}, {"q", "y"}});
    CHECK(check_send_reordered(h, leader_log({"a", "x", "b", "y", "c"}, 5)).count == 0);
    const CheckResult r = check_send_reordered(h, leader_log({"b", "c", "a", "y", "x"}, 5));
    CHECK(r.count == 2);  // a after c; x after y
    REQUIRE(r.examples.size() == 2);
    CHECK(r.examples[0] == "a (send #0) at t-0 offset 2 after c (send #2)");
}

TEST_CASE("send_reordered looks only at the first copy of a duplicated record") {
    const History h = sends({{"p", "a"}, {"p", "b"}});
    CHECK(check_send_reordered(h, leader_log({"a", "b", "a"}, 3)).count == 0);
}

TEST_CASE("send_reordered keeps order within one producer process only") {
    // The swarm's seed 889 of safe-fsync: a producer crashes with a request still on its way (a
    // cut link holds it); the restarted process, a new producer id, writes first, and the dead
    // process's request lands after it. Kafka orders a producer's records per process (per
    // producer id and epoch), not across a restart: not a send reorder.
    History h;
    h.on_send(SendEvent{"p", "a", partition0, engine::Instant{}, 1});
    h.on_send(SendEvent{"p", "b", partition0, engine::Instant{}, 1});
    h.on_send(SendEvent{"p", "c", partition0, engine::Instant{}, 2});
    h.on_send(SendEvent{"p", "d", partition0, engine::Instant{}, 2});
    CHECK(check_send_reordered(h, leader_log({"c", "a", "b", "d"}, 4)).count == 0);
    // Within one process it still counts.
    CHECK(check_send_reordered(h, leader_log({"d", "c", "a", "b"}, 4)).count == 1);
}

}  // TEST_SUITE
